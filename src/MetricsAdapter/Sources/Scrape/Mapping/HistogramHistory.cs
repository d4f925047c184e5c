namespace Autoscale.MetricsAdapter.Sources.Scrape.Mapping;

/// <summary>
/// A few past bucket snapshots of one histogram of one target, so that a quantile "over the last window" can be
/// computed at ingest from bucket deltas, and the store stays a last-two-points store.
/// </summary>
/// <remarks>
/// A snapshot is kept only when the newest kept one is at least window/8 older, so at most ~10 are held whatever the
/// scrape interval. The base of a delta is the newest snapshot at least a window old: the effective window is between
/// the window and window × 9/8 plus one interval. Until one is that old, there is no value (never a guess).
/// </remarks>
internal sealed class HistogramHistory(TimeSpan window)
{
    private readonly List<(DateTimeOffset At, double[] Counts)> _snapshots = [];
    private double[] _bounds = [];

    /// <summary>Generation of the last page this histogram was seen on; unseen histories are dropped.</summary>
    public int Seen { get; set; }

    /// <returns>The quantile over the window ending now, or NaN.</returns>
    public double Observe(double quantile, DateTimeOffset now, ReadOnlySpan<double> bounds, ReadOnlySpan<double> cumulative)
    {
        if (!bounds.SequenceEqual(_bounds))
        {
            // New bucket layout (a restarted server with other buckets): old snapshots cannot be subtracted.
            _bounds = bounds.ToArray();
            _snapshots.Clear();
        }

        int baseIndex = -1;
        for (int i = _snapshots.Count - 1; i >= 0; i--)
        {
            if (now - _snapshots[i].At >= window)
            {
                baseIndex = i;
                break;
            }
        }

        double result = double.NaN;
        if (baseIndex >= 0)
        {
            double[] old = _snapshots[baseIndex].Counts;
            Span<double> delta = cumulative.Length <= 64 ? stackalloc double[cumulative.Length] : new double[cumulative.Length];
            bool reset = cumulative[^1] < old[^1];
            for (int i = 0; i < cumulative.Length; i++)
            {
                // After a counter reset the counts since the restart are the best window we have (as Prometheus' rate).
                delta[i] = reset ? cumulative[i] : Math.Max(0, cumulative[i] - old[i]);
            }

            result = HistogramQuantile.Compute(quantile, bounds, delta);
            _snapshots.RemoveRange(0, baseIndex);
        }

        if (_snapshots.Count == 0 || now - _snapshots[^1].At >= window / 8)
        {
            _snapshots.Add((now, cumulative.ToArray()));
        }

        return result;
    }
}
