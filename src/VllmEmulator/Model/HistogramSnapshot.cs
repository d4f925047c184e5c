namespace Autoscale.VllmEmulator.Model;

/// <summary>A histogram as Prometheus exposes it: cumulative counts per upper bound (the last is +Inf).</summary>
public sealed record HistogramSnapshot(IReadOnlyList<double> UpperBounds, IReadOnlyList<long> CumulativeCounts, double Sum, long Count)
{
    /// <summary>Cumulative count at an upper bound that must be one of <see cref="UpperBounds"/> or +Inf.</summary>
    public long CountAtOrBelow(double upperBound)
    {
        if (double.IsPositiveInfinity(upperBound))
        {
            return Count;
        }

        for (var i = 0; i < UpperBounds.Count; i++)
        {
            if (UpperBounds[i] == upperBound)
            {
                return CumulativeCounts[i];
            }
        }

        throw new ArgumentOutOfRangeException(nameof(upperBound), upperBound, "Not a bucket bound of this histogram.");
    }
}
