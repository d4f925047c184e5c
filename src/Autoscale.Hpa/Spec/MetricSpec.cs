namespace Autoscale.Hpa.Spec;

/// <summary>
/// autoscaling/v2 <c>MetricSpec</c>, flattened: which fields matter depends on <paramref name="Type"/>.
/// Use the factory methods to build a valid one.
/// </summary>
public sealed record MetricSpec(
    MetricSourceType Type,
    MetricTarget Target,
    string? ResourceName = null,
    string? Container = null,
    MetricIdentifier? Metric = null,
    CrossVersionObjectReference? DescribedObject = null)
{
    public static MetricSpec Resource(string resourceName, MetricTarget target) =>
        new(MetricSourceType.Resource, target, ResourceName: resourceName);

    public static MetricSpec ContainerResource(string resourceName, string container, MetricTarget target) =>
        new(MetricSourceType.ContainerResource, target, ResourceName: resourceName, Container: container);

    public static MetricSpec Pods(MetricIdentifier metric, MetricTarget target) =>
        new(MetricSourceType.Pods, target, Metric: metric);

    public static MetricSpec Object(CrossVersionObjectReference describedObject, MetricIdentifier metric, MetricTarget target) =>
        new(MetricSourceType.Object, target, Metric: metric, DescribedObject: describedObject);

    public static MetricSpec External(MetricIdentifier metric, MetricTarget target) =>
        new(MetricSourceType.External, target, Metric: metric);
}
