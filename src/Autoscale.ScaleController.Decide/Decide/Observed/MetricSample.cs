namespace Autoscale.ScaleController.Decide.Observed;

/// <summary>One point of a metric series with the sample's own timestamp.</summary>
public sealed record MetricSample(DateTimeOffset Timestamp, double Value);
