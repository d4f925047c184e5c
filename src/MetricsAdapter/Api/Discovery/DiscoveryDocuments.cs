using Autoscale.MetricsAdapter.Catalog;
namespace Autoscale.MetricsAdapter.Api.Discovery;

/// <summary>
/// Builds the discovery documents. Resource lists come from the providers' <c>ListAllMetrics</c>: one
/// <c>{resource}/{metric}</c> entry per served metric, never empty (an empty list breaks client discovery caches,
/// kubernetes#111292).
/// </summary>
internal static class DiscoveryDocuments
{
    public const string CustomGroup = "custom.metrics.k8s.io";
    public const string ExternalGroup = "external.metrics.k8s.io";

    private static readonly string[] GetVerb = ["get"];

    public static ApiGroup CustomApiGroup { get; } = new(
        CustomGroup,
        [new($"{CustomGroup}/v1beta2", "v1beta2"), new($"{CustomGroup}/v1beta1", "v1beta1")],
        new($"{CustomGroup}/v1beta2", "v1beta2"));

    public static ApiGroup ExternalApiGroup { get; } = new(
        ExternalGroup,
        [new($"{ExternalGroup}/v1beta1", "v1beta1")],
        new($"{ExternalGroup}/v1beta1", "v1beta1"));

    public static ApiGroupList Groups(bool externalEnabled) =>
        new(externalEnabled ? [CustomApiGroup, ExternalApiGroup] : [CustomApiGroup]);

    public static ApiResourceList CustomResources(string version, IReadOnlyList<CustomMetricInfo> metrics)
    {
        var resources = metrics
            .Select(m => new ApiResource($"{m.Resource}/{m.Metric}", "", m.Namespaced, "MetricValueList", GetVerb))
            .ToList();
        if (resources.Count == 0)
        {
            // The library's placeholder, so a GV is never empty.
            resources.Add(new ApiResource("custommetrics", "", true, "MetricValueList", GetVerb));
        }

        return new ApiResourceList($"{CustomGroup}/{version}", resources);
    }

    public static ApiResourceList ExternalResources(IReadOnlyList<ExternalMetricInfo> metrics)
    {
        var resources = metrics
            .Select(m => new ApiResource(m.Metric, "", true, "ExternalMetricValueList", GetVerb))
            .ToList();
        if (resources.Count == 0)
        {
            resources.Add(new ApiResource("externalmetrics", "", true, "ExternalMetricValueList", GetVerb));
        }

        return new ApiResourceList($"{ExternalGroup}/v1beta1", resources);
    }
}
