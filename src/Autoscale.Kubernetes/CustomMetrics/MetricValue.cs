namespace Autoscale.Kubernetes.CustomMetrics;

/// <summary>
/// One item of a custom.metrics.k8s.io MetricValueList: the object it describes (a pod's name for pod metrics), the
/// sample's own timestamp, its value (the quantity as served and in milli-units) and, when the adapter says, the
/// window a rate or mean was taken over.
/// </summary>
public sealed record MetricValue(string Object, DateTimeOffset Timestamp, string Quantity, long Milli, double? WindowSeconds = null)
{
    public double Value => Milli / 1000.0;
}
