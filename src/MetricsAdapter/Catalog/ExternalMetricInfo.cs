namespace Autoscale.MetricsAdapter.Catalog;

/// <summary>A served external metric.</summary>
internal sealed record ExternalMetricInfo(string Metric);
