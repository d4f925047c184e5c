using Autoscale.ScaleController.Config;

namespace Autoscale.ScaleController.QueueDepth;

/// <summary>
/// The custom.metrics.k8s.io object-metric path of a workload, relative to the API server:
/// <c>apis/custom.metrics.k8s.io/v1beta2/namespaces/{ns}/{deployments.apps|statefulsets.apps}/{name}/{metric}</c>.
/// RBAC sees verb get, group custom.metrics.k8s.io, resource <c>deployments.apps</c>, subresource the metric.
/// </summary>
internal static class CustomMetricsPath
{
    public const string Group = "custom.metrics.k8s.io";
    public const string Version = "v1beta2";
    public const string QueueDepthMetric = "vllm_queue_depth";

    /// <summary>The resource as the metrics API names it (resource.group), or null for a kind the adapter does not aggregate.</summary>
    public static string? Resource(WorkloadKind kind) => kind switch
    {
        WorkloadKind.Deployment => "deployments.apps",
        WorkloadKind.StatefulSet => "statefulsets.apps",
        _ => null,
    };

    public static string? For(WorkloadRef workload, string metric) =>
        Resource(workload.Kind) is { } resource
            ? $"apis/{Group}/{Version}/namespaces/{Uri.EscapeDataString(workload.Namespace)}/{resource}/{Uri.EscapeDataString(workload.Name)}/{Uri.EscapeDataString(metric)}"
            : null;
}
