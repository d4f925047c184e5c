using Autoscale.ScaleController.Config;
using Autoscale.ScaleController.Watch.ScaleTargets;
using k8s.Models;

namespace Autoscale.ScaleController.Watch;

/// <summary>
/// One consistent read of the watch caches (and of the scale targets read through /scale): what
/// <see cref="ObservedClusterBuilder"/> turns into Decide's input.
/// </summary>
internal sealed record ClusterSnapshot(
    IReadOnlyList<V2HorizontalPodAutoscaler> Hpas,
    IReadOnlyList<V1Deployment> Deployments,
    IReadOnlyList<V1StatefulSet> StatefulSets,
    IReadOnlyList<V1Pod> Pods,
    IReadOnlyList<V1Pod> Placeholders,
    IReadOnlyDictionary<WorkloadRef, ScaleTarget>? ScaleTargets = null,
    IReadOnlyDictionary<WorkloadRef, string>? UnreadableTargets = null)
{
    public static ClusterSnapshot Empty { get; } = new([], [], [], [], []);

    public IReadOnlyDictionary<WorkloadRef, ScaleTarget> Targets => ScaleTargets ?? new Dictionary<WorkloadRef, ScaleTarget>();

    /// <summary>Scale targets that could not be read this round (not 404: those are gone), with why.</summary>
    public IReadOnlyDictionary<WorkloadRef, string> Unreadable => UnreadableTargets ?? new Dictionary<WorkloadRef, string>();
}
