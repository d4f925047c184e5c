namespace Autoscale.MetricsAdapter.Sources.Prometheus.Rules;

/// <summary>A name an <c>externalRules</c> entry produced at relist, and the series its query is built for.</summary>
internal sealed record ExternalRuleMetric(string Name, string SeriesName, AdapterRule Rule);
