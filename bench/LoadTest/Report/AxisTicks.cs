namespace Autoscale.LoadTest.Report;

/// <summary>Round axis ticks: steps of 1, 2 or 5 × 10^k, from 0 to the first tick at or above the data's maximum.</summary>
internal static class AxisTicks
{
    public static IReadOnlyList<double> For(double max, int wanted = 5)
    {
        if (!(max > 0) || double.IsInfinity(max))
        {
            return [0, 1];
        }

        var step = Step(max / wanted);
        var count = (int)Math.Ceiling((max / step) - 1e-9);
        var ticks = new double[count + 1];
        for (var i = 0; i <= count; i++)
        {
            // Multiplying (not adding) keeps 0.1 × 3 from drifting to 0.30000000000000004.
            ticks[i] = Math.Round(i * step, 10);
        }

        return ticks;
    }

    /// <summary>The smallest 1/2/5 × 10^k step at or above <paramref name="raw"/>.</summary>
    public static double Step(double raw)
    {
        var magnitude = Math.Pow(10, Math.Floor(Math.Log10(raw)));
        foreach (var factor in (ReadOnlySpan<double>)[1, 2, 5, 10])
        {
            if (factor * magnitude >= raw * (1 - 1e-9))
            {
                return factor * magnitude;
            }
        }

        return 10 * magnitude;
    }
}
