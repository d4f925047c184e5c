using Autoscale.Hpa.Spec;

namespace Autoscale.Hpa.Reconcile;

/// <summary>
/// autoscaling/v2 <c>MetricStatus</c>, flattened like <see cref="MetricSpec"/>: the current value of one metric.
/// Quantities are milli-units; <paramref name="AverageUtilization"/> is the utilisation before rebalancing.
/// </summary>
public sealed record HpaMetricStatus(
    MetricSourceType Type,
    string? ResourceName = null,
    string? Container = null,
    MetricIdentifier? Metric = null,
    CrossVersionObjectReference? DescribedObject = null,
    long? ValueMilli = null,
    long? AverageValueMilli = null,
    int? AverageUtilization = null);
