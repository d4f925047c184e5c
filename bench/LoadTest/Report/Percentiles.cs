namespace Autoscale.LoadTest.Report;

/// <summary>Nearest-rank percentiles (no interpolation, so results are exact sample values and reproducible).</summary>
internal static class Percentiles
{
    public static double Of(IReadOnlyList<double> values, double percentile)
    {
        if (values.Count == 0)
        {
            return 0;
        }

        var sorted = values.Order().ToArray();
        var rank = (int)Math.Ceiling(percentile / 100 * sorted.Length);
        return sorted[Math.Clamp(rank - 1, 0, sorted.Length - 1)];
    }
}
