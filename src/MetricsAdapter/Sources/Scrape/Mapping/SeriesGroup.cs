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

    /// <summary>The input of a derived metric this group holds; -1 for a served series.</summary>
    public int Input { get; private set; } = -1;

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

    /// <summary>A histogram's <c>_sum</c>, summed over engines (<see cref="RuleKind.HistogramSumCount"/>).</summary>
    public double HistogramSum { get; private set; }

    /// <summary>A histogram's <c>_count</c>, summed over engines.</summary>
    public double HistogramCount { get; private set; }

    /// <summary>Both <see cref="HistogramSum"/> and <see cref="HistogramCount"/> were on the page.</summary>
    public bool HasSumAndCount => _sumSeen && _countSeen;

    private bool _sumSeen;
    private bool _countSeen;

    public void Reset(int metric, int input, string? ns, string? pod, string? model, int precedence)
    {
        Metric = metric;
        Input = input;
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
        HistogramSum = 0;
        HistogramCount = 0;
        _sumSeen = false;
        _countSeen = false;
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

    /// <summary>Adds one <c>_sum</c> or <c>_count</c> sample; engines' are summed.</summary>
    public void AddSumOrCount(bool isSum, double value, long? timestampMs)
    {
        Count++;
        Stamp(timestampMs);
        if (isSum)
        {
            HistogramSum += value;
            _sumSeen = true;
        }
        else
        {
            HistogramCount += value;
            _countSeen = true;
        }
    }

    private void Stamp(long? timestampMs)
    {
        if (timestampMs is { } ms && (TimestampMs is null || ms < TimestampMs))
        {
            TimestampMs = ms;
        }
    }
}
