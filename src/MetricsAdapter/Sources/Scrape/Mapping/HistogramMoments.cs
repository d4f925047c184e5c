namespace Autoscale.MetricsAdapter.Sources.Scrape.Mapping;

/// <summary>
/// The count and first two moments of a histogram's observations, each taken at the midpoint of its bucket (the +Inf
/// bucket's at the highest finite bound, as <c>histogram_quantile</c> answers there). The totals are linear in the
/// bucket counts, so the moments of the observations made in a window are the totals' increase over it
/// (<see cref="CounterWindow"/>), and a simulator that adds each observation's <see cref="Midpoint"/> gets the same.
/// </summary>
/// <remarks>
/// Midpoints rather than a spread within each bucket: against log-normal lengths in vLLM's 1-2-5 token buckets the
/// midpoints' coefficient of variation is within 0.12 of the true one for true values 0.3–1.5 (it reads 0.3 as
/// 0.29–0.41), where assuming a uniform spread inside each bucket reads 0.3 as 0.38–0.48 (HistogramMomentsTests).
/// </remarks>
internal static class HistogramMoments
{
    /// <summary>The totals <see cref="TryTotals"/> writes: observations, Σ midpoint, Σ midpoint².</summary>
    public const int Totals = 3;

    /// <summary>The midpoint of the bucket an observation falls in (<c>value ≤ le</c>), bounds sorted and finite.</summary>
    public static double Midpoint(ReadOnlySpan<double> finiteBounds, double value)
    {
        int bucket = 0;
        while (bucket < finiteBounds.Length && value > finiteBounds[bucket])
        {
            bucket++;
        }

        return MidpointOf(finiteBounds, bucket);
    }

    /// <summary>
    /// Sorts <paramref name="buckets"/> (cumulative counts by upper bound, one of them +Inf) and writes the totals.
    /// False when they are unusable: no +Inf bucket, fewer than two buckets, a non-finite or negative count, or counts
    /// that fall as the bound grows (a hostile or broken page).
    /// </summary>
    public static bool TryTotals(List<(double Bound, double Count)> buckets, Span<double> totals)
    {
        ArgumentNullException.ThrowIfNull(buckets);
        buckets.Sort(static (a, b) => a.Bound.CompareTo(b.Bound));
        if (buckets.Count < 2 || !double.IsPositiveInfinity(buckets[^1].Bound) || double.IsNaN(buckets[0].Bound))
        {
            return false;
        }

        Span<double> bounds = buckets.Count <= 64 ? stackalloc double[buckets.Count - 1] : new double[buckets.Count - 1];
        for (int i = 0; i < bounds.Length; i++)
        {
            bounds[i] = buckets[i].Bound;
        }

        double below = 0, first = 0, second = 0;
        for (int i = 0; i < buckets.Count; i++)
        {
            double cumulative = buckets[i].Count;
            if (!double.IsFinite(cumulative) || cumulative < below)
            {
                return false;
            }

            double inBucket = cumulative - below;
            double midpoint = MidpointOf(bounds, i);
            first += inBucket * midpoint;
            second += inBucket * midpoint * midpoint;
            below = cumulative;
        }

        totals[0] = below;
        totals[1] = first;
        totals[2] = second;
        return true;
    }

    /// <summary>The standard deviation of <paramref name="count"/> observations with these sums; NaN when there are none.</summary>
    public static double StandardDeviation(double count, double first, double second)
    {
        if (!(count > 0))
        {
            return double.NaN;
        }

        double mean = first / count;
        return Math.Sqrt(Math.Max(0, (second / count) - (mean * mean)));
    }

    private static double MidpointOf(ReadOnlySpan<double> finiteBounds, int bucket)
    {
        if (finiteBounds.IsEmpty)
        {
            return 0;
        }

        if (bucket >= finiteBounds.Length)
        {
            return finiteBounds[^1];
        }

        double lower = bucket == 0 ? Math.Min(0, finiteBounds[0]) : finiteBounds[bucket - 1];
        return (lower + finiteBounds[bucket]) / 2;
    }
}
