namespace Autoscale.MetricsAdapter.Sources.Scrape.Mapping;

/// <summary>Prometheus' <c>histogram_quantile</c> over cumulative bucket counts (already deltas over a window).</summary>
internal static class HistogramQuantile
{
    /// <param name="upperBounds">Sorted ascending; the last must be +Inf.</param>
    /// <param name="cumulative">Observations at or below each bound.</param>
    /// <returns>The quantile, or NaN when there were no observations or the buckets are unusable.</returns>
    public static double Compute(double quantile, ReadOnlySpan<double> upperBounds, ReadOnlySpan<double> cumulative)
    {
        if (upperBounds.Length < 2 || !double.IsPositiveInfinity(upperBounds[^1]) || cumulative.Length != upperBounds.Length)
        {
            return double.NaN;
        }

        double total = cumulative[^1];
        if (!(total > 0))
        {
            return double.NaN;
        }

        double rank = quantile * total;
        int bucket = 0;
        while (bucket < cumulative.Length - 1 && cumulative[bucket] < rank)
        {
            bucket++;
        }

        if (bucket == upperBounds.Length - 1)
        {
            // In the +Inf bucket: like Prometheus, answer the highest finite bound.
            return upperBounds[^2];
        }

        double lower = bucket == 0 ? Math.Min(0, upperBounds[0]) : upperBounds[bucket - 1];
        double below = bucket == 0 ? 0 : cumulative[bucket - 1];
        double inBucket = cumulative[bucket] - below;
        if (inBucket <= 0)
        {
            return upperBounds[bucket];
        }

        return lower + ((upperBounds[bucket] - lower) * (rank - below) / inBucket);
    }
}
