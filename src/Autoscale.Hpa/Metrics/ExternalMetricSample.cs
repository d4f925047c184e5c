namespace Autoscale.Hpa.Metrics;

/// <summary>One external.metrics.k8s.io series value.</summary>
public sealed record ExternalMetricSample(long ValueMilli, DateTimeOffset Timestamp);
