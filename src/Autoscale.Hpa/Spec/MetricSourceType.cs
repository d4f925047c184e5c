namespace Autoscale.Hpa.Spec;

/// <summary>autoscaling/v2 <c>MetricSourceType</c>.</summary>
public enum MetricSourceType
{
    Object,
    Pods,
    Resource,
    ContainerResource,
    External,
}
