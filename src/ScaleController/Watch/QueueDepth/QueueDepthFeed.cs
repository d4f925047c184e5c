using Autoscale.ScaleController.Config;
using Autoscale.ScaleController.Decide.Observed;
using Autoscale.ScaleController.Telemetry;
using Autoscale.ScaleController.Watch.CustomMetrics;
using Microsoft.Extensions.Logging;

namespace Autoscale.ScaleController.Watch.QueueDepth;

/// <summary>
/// Once per round: reads the queue depth of every workload whose predictive warm pool is on, all at once under one
/// short timeout, and hands Decide each workload's recent history. A failed read (404 metric or APIService missing,
/// 503 adapter not ready, timeout) gives no sample that round, a Debug log and a count; it never fails the round.
/// </summary>
internal sealed partial class QueueDepthFeed(QueueDepthReader reader, ControllerMetrics metrics, TimeProvider time, ILogger logger)
{
    /// <summary>History kept at least this long, or the workload's lookback if longer.</summary>
    public static readonly TimeSpan MinRetention = TimeSpan.FromMinutes(10);

    public static readonly TimeSpan DefaultTimeout = TimeSpan.FromSeconds(2);

    private readonly QueueDepthHistory _history = new();

    public TimeSpan Timeout { get; init; } = DefaultTimeout;

    public Task<IReadOnlyDictionary<WorkloadRef, IReadOnlyList<MetricSample>>> RefreshAsync(ControllerConfig config, CancellationToken stop) =>
        RefreshAsync(config, null, stop);

    /// <param name="podSelectors">The pod selector of each workload read by selector (kinds other than Deployment and StatefulSet).</param>
    public async Task<IReadOnlyDictionary<WorkloadRef, IReadOnlyList<MetricSample>>> RefreshAsync(
        ControllerConfig config, IReadOnlyDictionary<WorkloadRef, string>? podSelectors, CancellationToken stop)
    {
        var wanted = config.Workloads
            .Where(w => w.Policy.WarmPool.Predictive.Enabled)
            .GroupBy(w => w.Workload)
            .ToDictionary(g => g.Key, g => Retention(g.First().Policy.WarmPool.Predictive));
        if (wanted.Count > 0)
        {
            using var timeout = new CancellationTokenSource(Timeout, time);
            using var linked = CancellationTokenSource.CreateLinkedTokenSource(stop, timeout.Token);
            var reads = await Task.WhenAll(wanted.Keys.Select(w => ReadAsync(w, podSelectors?.GetValueOrDefault(w), linked.Token, stop))).ConfigureAwait(false);
            foreach (var (workload, sample) in reads)
            {
                if (sample is not null)
                {
                    _history.Add(workload, sample);
                }
            }
        }

        _history.Trim(wanted, time.GetUtcNow());
        return wanted.Keys.ToDictionary(w => w, _history.Series);
    }

    private static TimeSpan Retention(PredictivePolicy policy)
    {
        var lookback = TimeSpan.FromSeconds(policy.LookbackSeconds);
        return lookback > MinRetention ? lookback : MinRetention;
    }

    private async Task<(WorkloadRef Workload, MetricSample? Sample)> ReadAsync(WorkloadRef workload, string? podSelector, CancellationToken token, CancellationToken stop)
    {
        string outcome;
        MetricSample? sample = null;
        try
        {
            if (await reader.ReadAsync(workload, podSelector, token).ConfigureAwait(false) is not { } read)
            {
                LogNoSelector(logger, workload.ToString());
                return (workload, null);
            }

            (sample, outcome) = read;
        }
        catch (OperationCanceledException) when (!stop.IsCancellationRequested)
        {
            outcome = MetricReadOutcome.Timeout;
        }
        catch (HttpRequestException ex)
        {
            LogReadError(logger, workload.ToString(), ex.Message);
            outcome = MetricReadOutcome.Error;
        }

        metrics.MetricReads.WithLabels(outcome).Inc();
        if (sample is null)
        {
            LogNoSample(logger, workload.ToString(), outcome);
        }

        return (workload, sample);
    }

    [LoggerMessage(Level = LogLevel.Debug, Message = "No queue-depth sample for {Workload} this round: {Outcome}")]
    private static partial void LogNoSample(ILogger logger, string workload, string outcome);

    [LoggerMessage(Level = LogLevel.Debug, Message = "No queue-depth read for {Workload} this round: its pod selector is not known yet")]
    private static partial void LogNoSelector(ILogger logger, string workload);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Queue-depth read for {Workload} failed: {Error}")]
    private static partial void LogReadError(ILogger logger, string workload, string error);
}
