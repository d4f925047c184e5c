namespace Autoscale.MetricsAdapter.Sources.Scrape.Mapping;

/// <summary>One source series feeding one served metric.</summary>
/// <param name="Metric">Index of the served metric in <see cref="CatalogMapping.Definitions"/>.</param>
/// <param name="Kind">How its samples combine.</param>
/// <param name="Precedence">Position among the metric's (or input's) source series: on a page that has several, the lowest wins.</param>
/// <param name="Input">For a derived metric, which of its <see cref="Definitions.MetricDefinition.Inputs"/> this feeds; -1 otherwise.</param>
internal readonly record struct MappingRule(int Metric, RuleKind Kind, int Precedence, int Input = -1);
