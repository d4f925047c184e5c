namespace Autoscale.LoadTest.Metrics;

/// <summary>
/// The windows the adapter computes the demand metrics over: completion and token rates over
/// <paramref name="RateSeconds"/> (one scrape interval: its last two scrapes, as it serves every counter rate),
/// arrivals over <paramref name="ArrivalSeconds"/> (its <c>scrape.arrivalWindow</c>, 30 s; over the pod's life while
/// it is younger), TTFT and ITL means over <paramref name="LatencySeconds"/> (its <c>scrape.latencyWindow</c>, 60 s).
/// </summary>
internal sealed record DemandWindows(double RateSeconds, double ArrivalSeconds, double LatencySeconds)
{
    public double Longest => Math.Max(RateSeconds, Math.Max(ArrivalSeconds, LatencySeconds));
}
