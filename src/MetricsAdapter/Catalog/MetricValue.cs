using Autoscale.Kubernetes;

namespace Autoscale.MetricsAdapter.Catalog;

/// <summary>
/// One item of a MetricValueList, version-neutral (the writer emits v1beta1 or v1beta2). A struct over references the
/// snapshot already holds, so building a reply allocates nothing per item.
/// </summary>
/// <param name="WindowSeconds">The rate window; 0 for gauges (omitted, as upstream omits a nil window).</param>
internal readonly record struct MetricValue(
    ObjectReference DescribedObject,
    string MetricName,
    DateTimeOffset Timestamp,
    int WindowSeconds,
    double Value);
