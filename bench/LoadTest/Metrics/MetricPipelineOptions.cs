namespace Autoscale.LoadTest.Metrics;

/// <summary>
/// The delays between vLLM and the decision: a scrape every <paramref name="ScrapeSeconds"/>, then optionally a
/// recording rule evaluated every <paramref name="RuleEvalSeconds"/>, then optionally an adapter cache refreshed
/// every <paramref name="AdapterCacheSeconds"/> (0 = stage absent). Each stage is sample-and-hold.
/// </summary>
internal sealed record MetricPipelineOptions(double ScrapeSeconds, double RuleEvalSeconds = 0, double AdapterCacheSeconds = 0);
