using Autoscale.MetricsAdapter.Store;

namespace Autoscale.MetricsAdapter.Sources.Scrape;

/// <summary>What every target loop shares: the store, the HTTP client, the concurrency slots, the clock and telemetry.</summary>
internal sealed record ScrapeContext(
    MetricStore Store,
    HttpScraper Http,
    SemaphoreSlim Slots,
    SourceHeartbeat Heartbeat,
    ScrapeMetrics Metrics,
    TimeProvider Time,
    ILogger Logger);
