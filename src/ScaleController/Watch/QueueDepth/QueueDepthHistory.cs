using Autoscale.ScaleController.Config;
using Autoscale.ScaleController.Decide.Observed;

namespace Autoscale.ScaleController.Watch.QueueDepth;

/// <summary>
/// Per-workload queue-depth samples, oldest first, one per distinct sample timestamp (the adapter repeats a sample
/// until its next scrape), trimmed to a retention window and a hard count. Workloads no longer read are forgotten.
/// Not thread-safe: the loop owns it.
/// </summary>
internal sealed class QueueDepthHistory
{
    /// <summary>At a 10 s interval an hour of samples; bounds memory whatever the clock does.</summary>
    public const int MaxSamples = 400;

    private readonly Dictionary<WorkloadRef, List<MetricSample>> _series = [];

    public void Add(WorkloadRef workload, MetricSample sample)
    {
        if (!_series.TryGetValue(workload, out var list))
        {
            list = [];
            _series[workload] = list;
        }

        if (list.Count > 0 && sample.Timestamp <= list[^1].Timestamp)
        {
            // Same scrape again (or an older one after an adapter restart): keep the series ordered and distinct.
            return;
        }

        list.Add(sample);
        if (list.Count > MaxSamples)
        {
            list.RemoveRange(0, list.Count - MaxSamples);
        }
    }

    /// <summary>Drops samples older than <paramref name="now"/> − retention and every workload not in <paramref name="keep"/>.</summary>
    public void Trim(IReadOnlyDictionary<WorkloadRef, TimeSpan> keep, DateTimeOffset now)
    {
        foreach (var workload in _series.Keys.Where(w => !keep.ContainsKey(w)).ToList())
        {
            _series.Remove(workload);
        }

        foreach (var (workload, list) in _series)
        {
            var from = now - keep[workload];
            var old = list.FindIndex(s => s.Timestamp >= from);
            list.RemoveRange(0, old < 0 ? list.Count : old);
        }
    }

    public IReadOnlyList<MetricSample> Series(WorkloadRef workload) =>
        _series.TryGetValue(workload, out var list) ? [.. list] : [];
}
