using k8s.Models;

namespace Autoscale.ScaleController.Watch;

/// <summary>One consistent read of the watch caches: what <see cref="ObservedClusterBuilder"/> turns into Decide's input.</summary>
internal sealed record ClusterSnapshot(
    IReadOnlyList<V2HorizontalPodAutoscaler> Hpas,
    IReadOnlyList<V1Deployment> Deployments,
    IReadOnlyList<V1StatefulSet> StatefulSets,
    IReadOnlyList<V1Pod> Pods,
    IReadOnlyList<V1Pod> Placeholders)
{
    public static ClusterSnapshot Empty { get; } = new([], [], [], [], []);
}
