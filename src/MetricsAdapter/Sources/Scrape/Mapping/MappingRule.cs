namespace Autoscale.MetricsAdapter.Sources.Scrape.Mapping;

/// <summary>One source series feeding one served metric.</summary>
/// <param name="Metric">Index of the served metric in <see cref="CatalogMapping.Definitions"/>.</param>
/// <param name="Kind">How its samples combine.</param>
/// <param name="Precedence">Position among the metric's source series: on a page that has several, the lowest wins.</param>
internal readonly record struct MappingRule(int Metric, RuleKind Kind, int Precedence);
