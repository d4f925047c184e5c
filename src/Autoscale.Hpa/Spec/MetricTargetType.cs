namespace Autoscale.Hpa.Spec;

/// <summary>autoscaling/v2 <c>MetricTargetType</c>.</summary>
public enum MetricTargetType
{
    Utilization,
    Value,
    AverageValue,
}
