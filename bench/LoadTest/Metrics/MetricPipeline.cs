namespace Autoscale.LoadTest.Metrics;

/// <summary>
/// Scrape → rule evaluation → adapter cache, each holding the previous stage's value as of its own last tick. The
/// decision reads <see cref="Visible"/>, which is therefore up to the sum of the intervals old.
/// </summary>
internal sealed class MetricPipeline(MetricPipelineOptions options)
{
    private MetricSnapshot _scraped = MetricSnapshot.Empty;
    private MetricSnapshot _evaluated = MetricSnapshot.Empty;
    private MetricSnapshot _cached = MetricSnapshot.Empty;

    public MetricPipelineOptions Options { get; } = options;

    public MetricSnapshot Visible => Options.AdapterCacheSeconds > 0 ? _cached : Evaluated;

    private MetricSnapshot Evaluated => Options.RuleEvalSeconds > 0 ? _evaluated : _scraped;

    public void OnScrape(MetricSnapshot snapshot) => _scraped = snapshot;

    public void OnRuleEval() => _evaluated = _scraped;

    public void OnAdapterRefresh() => _cached = Evaluated;
}
