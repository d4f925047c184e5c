namespace Autoscale.MetricsAdapter.Sources.Prometheus.Client;

/// <summary>A successful query: its type and series (a scalar is one series with no labels; a string has none).</summary>
internal sealed record PromQueryResult(PromResultType Type, IReadOnlyList<PromSeries> Series);
