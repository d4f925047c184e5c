using Autoscale.Kubernetes.CustomMetrics;
using Autoscale.ScaleController.Config;
using Autoscale.ScaleController.Decide.Observed;
using Autoscale.ScaleController.Kube;
using Autoscale.ScaleController.Telemetry;
using Autoscale.ScaleController.Watch.CustomMetrics;
using Microsoft.Extensions.Logging;

namespace Autoscale.ScaleController.Watch.Demand;

/// <summary>
/// Once per round: reads the demand pod metrics (<see cref="DemandSeries"/>) of every workload whose planner is on,
/// for the pods its scale target selects (<c>pods/*/{metric}?labelSelector=…</c> through the aggregation layer), all at
/// once under one short timeout, and combines each workload's into a <see cref="WorkloadDemand"/>
/// (<see cref="DemandAggregator"/>). A failed or partial read gives that workload no demand this round (the planner
/// then publishes nothing and says so) and never fails the round. Each read is counted by outcome; a workload's demand
/// going missing, and coming back, is logged once.
/// </summary>
internal sealed partial class DemandFeed(k8s.Kubernetes client, ControllerMetrics metrics, TimeProvider time, ILogger logger)
{
    private readonly CustomMetricsReader _reader = new(client, PlainGet.NotRetried);

    public static readonly TimeSpan DefaultTimeout = TimeSpan.FromSeconds(2);

    // Why each workload had no demand last round (null: it had one); the loop owns the feed, one round at a time.
    private readonly Dictionary<WorkloadRef, string?> _last = [];

    public TimeSpan Timeout { get; init; } = DefaultTimeout;

    /// <param name="podSelectors">The pod selector of each workload found this round; a workload without one is not read.</param>
    public async Task<IReadOnlyDictionary<WorkloadRef, WorkloadDemand>> RefreshAsync(
        ControllerConfig config, IReadOnlyDictionary<WorkloadRef, string> podSelectors, CancellationToken stop)
    {
        var wanted = config.Workloads
            .Where(w => w.Policy.Planner is { Enabled: true, Profile: not null } && podSelectors.ContainsKey(w.Workload))
            .Select(w => w.Workload)
            .Distinct()
            .ToList();
        var result = new Dictionary<WorkloadRef, WorkloadDemand>();
        if (wanted.Count > 0)
        {
            using var timeout = new CancellationTokenSource(Timeout, time);
            using var linked = CancellationTokenSource.CreateLinkedTokenSource(stop, timeout.Token);
            var reads = await Task.WhenAll(wanted.Select(w => ReadAsync(w, podSelectors[w], linked.Token, stop))).ConfigureAwait(false);
            foreach (var (workload, series) in reads)
            {
                var (demand, why) = DemandAggregator.Combine(series);
                Report(workload, demand is null ? why : null);
                if (demand is not null)
                {
                    result[workload] = demand;
                }
            }
        }

        foreach (var gone in _last.Keys.Where(w => !wanted.Contains(w)).ToList())
        {
            _last.Remove(gone);
        }

        return result;
    }

    private async Task<(WorkloadRef Workload, SeriesRead[] Series)> ReadAsync(WorkloadRef workload, string selector, CancellationToken token, CancellationToken stop) =>
        (workload, await Task.WhenAll(DemandSeries.All.Select(m => ReadSeriesAsync(workload, m, selector, token, stop))).ConfigureAwait(false));

    private async Task<SeriesRead> ReadSeriesAsync(WorkloadRef workload, string metric, string selector, CancellationToken token, CancellationToken stop)
    {
        SeriesRead read;
        try
        {
            var answer = await _reader.ReadAsync(CustomMetricsPaths.Pods(workload.Namespace, metric, selector), token).ConfigureAwait(false);
            read = answer.Items is { } items ? new SeriesRead(metric, items, MetricReadOutcome.Ok)
                : answer.Code is >= 200 and < 300 ? SeriesRead.Failed(metric, MetricReadOutcome.Invalid)
                : SeriesRead.Failed(metric, MetricReadOutcome.FromStatus(answer.Code));
        }
        catch (OperationCanceledException) when (!stop.IsCancellationRequested)
        {
            read = SeriesRead.Failed(metric, MetricReadOutcome.Timeout);
        }
        catch (HttpRequestException ex)
        {
            LogReadError(logger, workload.ToString(), metric, ex.Message);
            read = SeriesRead.Failed(metric, MetricReadOutcome.Error);
        }

        metrics.MetricReads.WithLabels(read.Outcome).Inc();
        return read;
    }

    private void Report(WorkloadRef workload, string? missing)
    {
        var known = _last.TryGetValue(workload, out var before);
        _last[workload] = missing;
        if (missing is null)
        {
            if (known && before is not null)
            {
                LogDemandBack(logger, workload.ToString());
            }
        }
        else if (!known || before is null)
        {
            LogNoDemand(logger, workload.ToString(), missing);
        }
        else
        {
            LogStillNoDemand(logger, workload.ToString(), missing);
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "No demand for {Workload}: {Why}; its planner publishes nothing until demand is read again")]
    private static partial void LogNoDemand(ILogger logger, string workload, string why);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Still no demand for {Workload}: {Why}")]
    private static partial void LogStillNoDemand(ILogger logger, string workload, string why);

    [LoggerMessage(Level = LogLevel.Information, Message = "Demand for {Workload} read again")]
    private static partial void LogDemandBack(ILogger logger, string workload);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Demand read {Metric} for {Workload} failed: {Error}")]
    private static partial void LogReadError(ILogger logger, string workload, string metric, string error);
}
