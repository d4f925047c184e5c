namespace Autoscale.Hpa.Metrics;

/// <summary>The single custom.metrics.k8s.io value for a described object.</summary>
public sealed record ObjectMetricSample(long ValueMilli, DateTimeOffset Timestamp);
