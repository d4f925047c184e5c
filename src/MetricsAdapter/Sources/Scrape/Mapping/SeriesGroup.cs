using Autoscale.MetricsAdapter.Sources.Definitions;
namespace Autoscale.MetricsAdapter.Sources.Scrape.Mapping;

/// <summary>
/// The samples of one page that become one served series: one metric, one pod (a GPU exporter's pod label, or the
/// target) and one model. Reused from page to page; found through its <see cref="GroupKey"/>.
/// </summary>
internal sealed class SeriesGroup
{
    private readonly List<(double Bound, double Count)> _buckets = [];

    public int Metric { get; private set; }

    public string? Namespace { get; private set; }

    public string? Pod { get; private set; }

    public string? Model { get; private set; }

    public int Precedence { get; private set; }

    public double Sum { get; private set; }

    public double Max { get; private set; }

    public int Count { get; private set; }

    /// <summary>The oldest exposed timestamp of a contributing sample (Unix ms), or null for the scrape time.</summary>
    public long? TimestampMs { get; private set; }

    public List<(double Bound, double Count)> Buckets => _buckets;

    public void Reset(int metric, string? ns, string? pod, string? model, int precedence)
    {
        Metric = metric;
        Namespace = ns;
        Pod = pod;
        Model = model;
        Restart(precedence);
    }

    /// <summary>Forgets the values (a source series of higher precedence appeared on the page).</summary>
    public void Restart(int precedence)
    {
        Precedence = precedence;
        Sum = 0;
        Max = double.NegativeInfinity;
        Count = 0;
        TimestampMs = null;
        _buckets.Clear();
    }

    /// <summary>The gauge or counter value: counters are summed, gauges combined by the pod aggregation; then scaled.</summary>
    public double Value(MetricDefinition definition)
    {
        double value = definition.Kind == MetricKind.Rate ? Sum : definition.PodAggregation switch
        {
            Aggregation.Sum => Sum,
            Aggregation.Mean => Sum / Count,
            Aggregation.Max => Max,
            _ => double.NaN,
        };
        return value * definition.SourceScale;
    }

    public void Add(double value, long? timestampMs)
    {
        Sum += value;
        Max = Math.Max(Max, value);
        Count++;
        Stamp(timestampMs);
    }

    /// <summary>Adds one <c>_bucket</c> sample; engines' buckets with the same bound are summed.</summary>
    public void AddBucket(double bound, double count, long? timestampMs)
    {
        Count++;
        Stamp(timestampMs);
        for (int i = 0; i < _buckets.Count; i++)
        {
            if (_buckets[i].Bound == bound)
            {
                _buckets[i] = (bound, _buckets[i].Count + count);
                return;
            }
        }

        _buckets.Add((bound, count));
    }

    private void Stamp(long? timestampMs)
    {
        if (timestampMs is { } ms && (TimestampMs is null || ms < TimestampMs))
        {
            TimestampMs = ms;
        }
    }
}
