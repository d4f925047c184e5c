namespace Autoscale.VllmEmulator.Model;

/// <summary>A fixed-bucket histogram (latencies, and the per-request token counts too); observing allocates nothing.</summary>
internal sealed class LatencyHistogram
{
    private readonly double[] _bounds;
    private readonly long[] _counts;
    private double _sum;
    private long _count;

    public LatencyHistogram(IReadOnlyList<double> bounds)
    {
        _bounds = [.. bounds];
        _counts = new long[_bounds.Length];
    }

    private LatencyHistogram(LatencyHistogram source)
    {
        _bounds = source._bounds;
        _counts = (long[])source._counts.Clone();
        _sum = source._sum;
        _count = source._count;
    }

    /// <summary>An independent copy (the bounds never change, so they are shared).</summary>
    public LatencyHistogram Clone() => new(this);

    public void Observe(double value) => Observe(value, 1);

    /// <summary>The same value observed <paramref name="times"/> times (one decode step's gap for each sequence in it).</summary>
    public void Observe(double value, long times)
    {
        _sum += value * times;
        _count += times;
        // Prometheus buckets are "less than or equal"; values above the last bound only reach +Inf.
        for (var i = 0; i < _bounds.Length; i++)
        {
            if (value <= _bounds[i])
            {
                _counts[i] += times;
                return;
            }
        }
    }

    public HistogramSnapshot Snapshot()
    {
        var cumulative = new long[_counts.Length];
        long running = 0;
        for (var i = 0; i < _counts.Length; i++)
        {
            running += _counts[i];
            cumulative[i] = running;
        }

        return new HistogramSnapshot(_bounds, cumulative, _sum, _count);
    }
}
