namespace Autoscale.MetricsAdapter.Sources.Scrape;

/// <summary>How targets are scraped (config section <c>scrape</c>; validated there).</summary>
/// <param name="Interval">Per target; each target's loop starts at a random phase within it.</param>
/// <param name="Timeout">Per scrape, including the wait for a concurrency slot; at most the interval.</param>
/// <param name="Concurrency">Scrapes in flight at once over all targets.</param>
/// <param name="MaxPageBytes">A larger page is a failed scrape, never parsed.</param>
/// <param name="ClearAfterFailures">
/// Consecutive failures after which the target's last good values are cleared (before that they are kept and age
/// out by the serving policy's staleAfter; never zeroed).
/// </param>
/// <param name="LatencyWindow">Window of histogram quantiles such as the TTFT p95.</param>
/// <param name="ArrivalWindow">
/// Window of <c>vllm_arrival_requests_per_second</c>. A reader that polls every 10 s (the scale controller's planner)
/// sees, with a window of one scrape interval, a fifth of the arrivals and aliases periodic traffic; 30 s spans three
/// such polls (the simulator's tuning rows: bench/RESULTS.md, "the adapter's arrival window").
/// </param>
internal sealed record ScrapeSettings(
    TimeSpan Interval,
    TimeSpan Timeout,
    int Concurrency,
    int MaxPageBytes,
    int ClearAfterFailures,
    TimeSpan LatencyWindow,
    TimeSpan ArrivalWindow)
{
    public static ScrapeSettings Default { get; } = new(
        TimeSpan.FromSeconds(2), TimeSpan.FromMilliseconds(1500), 32, 16 * 1024 * 1024, 5, TimeSpan.FromSeconds(60), TimeSpan.FromSeconds(30));
}
