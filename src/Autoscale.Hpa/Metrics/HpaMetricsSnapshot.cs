namespace Autoscale.Hpa.Metrics;

/// <summary>
/// Everything the metrics APIs answered for one reconcile, as plain data so the simulator and the controller feed
/// the same code. A null collection or a missing key means the API failed or had nothing; the metric is then
/// invalid, exactly as an upstream client error would make it.
/// </summary>
public sealed record HpaMetricsSnapshot(
    IReadOnlyList<PodResourceMetrics>? ResourceMetrics = null,
    IReadOnlyDictionary<Spec.MetricIdentifier, IReadOnlyList<PodMetricSample>>? PodsMetrics = null,
    IReadOnlyDictionary<ObjectMetricKey, ObjectMetricSample>? ObjectMetrics = null,
    IReadOnlyDictionary<Spec.MetricIdentifier, IReadOnlyList<ExternalMetricSample>>? ExternalMetrics = null)
{
    public static HpaMetricsSnapshot Empty { get; } = new();
}
