using Autoscale.MetricsAdapter.Sources.Prometheus.Client;
using Autoscale.MetricsAdapter.Store;

namespace Autoscale.MetricsAdapter.Sources.Prometheus;

/// <summary>
/// One poll: for each namespace the store knows and each polled metric, one query grouped by pod; then one
/// <see cref="MetricStore.Record"/> per pod with everything this source has for it. A metric whose query failed
/// keeps its last good series (they age out through the catalog's staleness, never replaced by a zero); a metric
/// whose query succeeded without a pod means Prometheus has nothing fresh for it, so the pod's series go.
/// </summary>
internal sealed class PrometheusPoller(PrometheusClient client, MetricStore store, PrometheusSourceMetrics metrics, int maxConcurrency)
{
    public async Task<PollOutcome> PollAsync(IReadOnlyList<PolledMetric> polled, CancellationToken cancellationToken)
    {
        var snapshot = store.Current;
        var work = snapshot.Namespaces.Values
            .Where(ns => ns.Pods.Length > 0)
            .SelectMany(ns => polled.Select(metric => (Ns: ns.Name, Metric: metric)))
            .ToList();
        var results = new (PromQueryResult? Result, PromError? Error)[work.Count];
        await Parallel.ForAsync(0, work.Count, new ParallelOptions { MaxDegreeOfParallelism = Math.Max(1, maxConcurrency), CancellationToken = cancellationToken },
            async (i, ct) => results[i] = await EvaluateAsync(work[i].Metric, work[i].Ns, ct).ConfigureAwait(false)).ConfigureAwait(false);

        PromError? lastError = null;
        var failed = 0;
        var podsWritten = 0;
        foreach (var group in work.Select((w, i) => (w.Ns, w.Metric, results[i].Result, results[i].Error)).GroupBy(x => x.Ns, StringComparer.Ordinal))
        {
            var byPod = new Dictionary<string, List<SeriesSample>>(StringComparer.Ordinal);
            var failedMetrics = new HashSet<string>(StringComparer.Ordinal);
            foreach (var (_, metric, result, error) in group)
            {
                if (error is not null)
                {
                    failed++;
                    lastError = error;
                    failedMetrics.Add(metric.Name);
                }
                else
                {
                    metric.Read(result!, byPod);
                }
            }

            if (failedMetrics.Count == polled.Count)
            {
                continue;
            }

            foreach (var pod in snapshot.Namespaces[group.Key].Pods)
            {
                var samples = byPod.GetValueOrDefault(pod.Info.Name) ?? [];
                foreach (var kept in pod.Slot.Metrics.OfSource(SourceNames.Prometheus))
                {
                    if (failedMetrics.Contains(kept.Metric))
                    {
                        samples.Add(new SeriesSample(kept.Metric, kept.Labels, kept.Last));
                    }
                }

                store.Record(pod.Info.Key, SourceNames.Prometheus, samples);
                podsWritten++;
            }
        }

        return new PollOutcome(work.Count, failed, lastError, podsWritten);
    }

    private async Task<(PromQueryResult?, PromError?)> EvaluateAsync(PolledMetric metric, string ns, CancellationToken cancellationToken)
    {
        var query = metric.QueryFor(ns);
        if (!query.IsSuccess)
        {
            metrics.Error(query.Error);
            return (null, query.Error);
        }

        metrics.Query();
        var result = await client.QueryAsync(query.Value, cancellationToken).ConfigureAwait(false);
        if (!result.IsSuccess)
        {
            metrics.Error(result.Error);
            return (null, result.Error);
        }

        if (result.Value.Type is not (Client.PromResultType.Vector or Client.PromResultType.Scalar))
        {
            var error = new PromError(PromErrorKind.BadResponse, $"{metric.Name}: the query returned a {result.Value.Type}, not a vector");
            metrics.Error(error);
            return (null, error);
        }

        return (result.Value, null);
    }
}
