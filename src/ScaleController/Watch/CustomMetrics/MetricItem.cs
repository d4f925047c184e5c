namespace Autoscale.ScaleController.Watch.CustomMetrics;

/// <summary>
/// One item of a MetricValueList: the object it describes (a pod's name for pod metrics), the sample's own
/// timestamp, its value and, when the adapter says, the window a rate or mean was taken over.
/// </summary>
internal sealed record MetricItem(string Object, DateTimeOffset Timestamp, double Value, double? WindowSeconds = null);
