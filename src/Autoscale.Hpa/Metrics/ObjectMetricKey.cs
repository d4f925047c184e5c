using Autoscale.Hpa.Spec;

namespace Autoscale.Hpa.Metrics;

/// <summary>Key of an object metric in <see cref="HpaMetricsSnapshot"/>.</summary>
public sealed record ObjectMetricKey(CrossVersionObjectReference DescribedObject, MetricIdentifier Metric);
