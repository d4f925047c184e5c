using Autoscale.Kubernetes.CustomMetrics;
using Autoscale.ScaleController.Config;

namespace Autoscale.ScaleController.Watch.CustomMetrics;

/// <summary>
/// The custom.metrics.k8s.io path of a workload's metric, relative to the API server. Deployments and StatefulSets
/// are object metrics the adapter aggregates:
/// <c>apis/custom.metrics.k8s.io/v1beta2/namespaces/{ns}/{deployments.apps|statefulsets.apps}/{name}/{metric}</c>
/// (RBAC: get, resource <c>deployments.apps</c>, subresource the metric). Any other kind (LeaderWorkerSet, a CRD) is
/// read as the pod metric of every pod its /scale selector selects, summed by the caller:
/// <c>…/namespaces/{ns}/pods/*/{metric}?labelSelector={selector}</c> (RBAC: get, resource <c>pods</c>, subresource the metric).
/// </summary>
internal static class CustomMetricsPath
{
    public const string QueueDepthMetric = "vllm_queue_depth";

    /// <summary>The resource as the metrics API names it (resource.group), or null for a kind the adapter does not aggregate.</summary>
    public static string? Resource(WorkloadKind kind) => kind.IsWatched ? $"{kind.Kind.ToLowerInvariant()}s.{kind.Group}" : null;

    /// <summary>The object-metric path, or the pod-metric path with <paramref name="podSelector"/>; null when neither applies.</summary>
    public static string? For(WorkloadRef workload, string metric, string? podSelector = null)
    {
        if (Resource(workload.Kind) is { } resource)
        {
            return CustomMetricsPaths.Object(workload.Namespace, resource, workload.Name, metric);
        }

        return string.IsNullOrEmpty(podSelector) ? null : CustomMetricsPaths.Pods(workload.Namespace, metric, podSelector);
    }
}
