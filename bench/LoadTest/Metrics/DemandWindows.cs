namespace Autoscale.LoadTest.Metrics;

/// <summary>
/// The windows the adapter computes the demand metrics over: rates (completions, arrivals, tokens) over
/// <paramref name="RateSeconds"/>, TTFT and ITL means over <paramref name="LatencySeconds"/>.
/// </summary>
internal sealed record DemandWindows(double RateSeconds, double LatencySeconds)
{
    public double Longest => Math.Max(RateSeconds, LatencySeconds);
}
