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
    public const string Group = "custom.metrics.k8s.io";
    public const string Version = "v1beta2";
    public const string QueueDepthMetric = "vllm_queue_depth";

    /// <summary>The resource as the metrics API names it (resource.group), or null for a kind the adapter does not aggregate.</summary>
    public static string? Resource(WorkloadKind kind) => kind.IsWatched ? $"{kind.Kind.ToLowerInvariant()}s.{kind.Group}" : null;

    /// <summary>The object-metric path, or the pod-metric path with <paramref name="podSelector"/>; null when neither applies.</summary>
    public static string? For(WorkloadRef workload, string metric, string? podSelector = null)
    {
        var prefix = $"apis/{Group}/{Version}/namespaces/{Uri.EscapeDataString(workload.Namespace)}";
        if (Resource(workload.Kind) is { } resource)
        {
            return $"{prefix}/{resource}/{Uri.EscapeDataString(workload.Name)}/{Uri.EscapeDataString(metric)}";
        }

        return string.IsNullOrEmpty(podSelector) ? null : Pods(workload.Namespace, metric, podSelector);
    }

    /// <summary>The pod metric of every pod <paramref name="podSelector"/> selects in <paramref name="ns"/>, one item per pod.</summary>
    public static string Pods(string ns, string metric, string podSelector) =>
        $"apis/{Group}/{Version}/namespaces/{Uri.EscapeDataString(ns)}/pods/*/{Uri.EscapeDataString(metric)}?labelSelector={Uri.EscapeDataString(podSelector)}";
}
