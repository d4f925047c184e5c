namespace Autoscale.Hpa.Metrics;

/// <summary>One pod's metric value (milli-units) with the sample's own timestamp and collection window.</summary>
public readonly record struct PodMetric(long Value, DateTimeOffset Timestamp, TimeSpan Window);
