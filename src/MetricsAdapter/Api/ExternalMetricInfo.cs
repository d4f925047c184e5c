namespace Autoscale.MetricsAdapter.Api;

/// <summary>A served external metric.</summary>
internal sealed record ExternalMetricInfo(string Metric);
