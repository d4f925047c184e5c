using System.Collections.Frozen;

namespace Autoscale.MetricsAdapter.Store;

/// <summary>An immutable set of a pod's series by metric, replaced whole on every scrape.</summary>
internal sealed class PodMetrics
{
    public static PodMetrics Empty { get; } = new(FrozenDictionary<string, StoredSeries[]>.Empty);

    public PodMetrics(FrozenDictionary<string, StoredSeries[]> byMetric) => ByMetric = byMetric;

    public FrozenDictionary<string, StoredSeries[]> ByMetric { get; }

    public bool IsEmpty => ByMetric.Count == 0;
}
