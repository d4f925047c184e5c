namespace Autoscale.MetricsAdapter.Sources.Definitions;

/// <summary>One input of a derived metric: what kind of series it is and its source names, the first listed winning.</summary>
internal sealed record MetricInput(InputKind Kind, IReadOnlyList<string> SourceSeries);
