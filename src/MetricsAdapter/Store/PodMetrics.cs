using System.Collections.Frozen;

namespace Autoscale.MetricsAdapter.Store;

/// <summary>
/// An immutable set of a pod's series, replaced whole on every write. Series are kept per source (the pod's own
/// /metrics, a GPU exporter that reports for it, Prometheus) so that one source's scrape never drops another's
/// series; readers see them merged by metric.
/// </summary>
internal sealed class PodMetrics
{
    public static PodMetrics Empty { get; } = new(FrozenDictionary<string, StoredSeries[]>.Empty);

    private PodMetrics(FrozenDictionary<string, StoredSeries[]> bySource)
    {
        BySource = bySource;
        var merged = new Dictionary<string, List<StoredSeries>>(StringComparer.Ordinal);
        foreach (var series in bySource.Values)
        {
            foreach (var s in series)
            {
                if (!merged.TryGetValue(s.Metric, out var list))
                {
                    merged[s.Metric] = list = [];
                }

                list.Add(s);
            }
        }

        ByMetric = merged.ToFrozenDictionary(kv => kv.Key, kv => kv.Value.ToArray(), StringComparer.Ordinal);
    }

    /// <summary>Every series by served metric name, all sources merged.</summary>
    public FrozenDictionary<string, StoredSeries[]> ByMetric { get; }

    /// <summary>Every series by the source that wrote it.</summary>
    public FrozenDictionary<string, StoredSeries[]> BySource { get; }

    public bool IsEmpty => ByMetric.Count == 0;

    public StoredSeries[] OfSource(string source) => BySource.TryGetValue(source, out var series) ? series : [];

    /// <summary>A copy with one source's series replaced (an empty array removes the source).</summary>
    public PodMetrics With(string source, StoredSeries[] series)
    {
        var bySource = new Dictionary<string, StoredSeries[]>(BySource, StringComparer.Ordinal);
        if (series.Length == 0)
        {
            bySource.Remove(source);
        }
        else
        {
            bySource[source] = series;
        }

        return new PodMetrics(bySource.ToFrozenDictionary(StringComparer.Ordinal));
    }
}
