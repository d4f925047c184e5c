using Autoscale.MetricsAdapter.Sources.Definitions;
namespace Autoscale.MetricsAdapter.Catalog;

/// <summary>Combines values by an <see cref="Aggregation"/>, tracking the oldest timestamp and the widest window.</summary>
internal struct Accumulator(Aggregation aggregation)
{
    private double _sum;
    private double _max = double.NegativeInfinity;

    public int Count { get; private set; }

    public DateTimeOffset OldestTimestamp { get; private set; } = DateTimeOffset.MaxValue;

    public int Window { get; private set; }

    public readonly double Result => aggregation switch
    {
        Aggregation.Sum => _sum,
        Aggregation.Mean => Count == 0 ? 0 : _sum / Count,
        Aggregation.Max => _max,
        _ => throw new InvalidOperationException($"unknown aggregation {aggregation}"),
    };

    public void Add(double value, DateTimeOffset timestamp, int window)
    {
        _sum += value;
        _max = Math.Max(_max, value);
        Count++;
        if (timestamp < OldestTimestamp)
        {
            OldestTimestamp = timestamp;
        }

        Window = Math.Max(Window, window);
    }
}
