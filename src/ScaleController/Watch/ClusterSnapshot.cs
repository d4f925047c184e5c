using Autoscale.Kubernetes.Watch;
using Autoscale.ScaleController.Config;
using Autoscale.ScaleController.Watch.ScaleTargets;
using k8s.Models;

namespace Autoscale.ScaleController.Watch;

/// <summary>
/// One consistent read of the watch caches (and of the scale targets read through /scale): what
/// <see cref="ObservedClusterBuilder"/> turns into Decide's input. <paramref name="Nodes"/> are slimmed
/// (<see cref="NodeMapper.Slim"/>), null when nodes are not watched; <paramref name="UnschedulableByUid"/> is the
/// remembered start of each pod's wait for a node (<see cref="UnschedulableTimes"/>); <paramref name="ListedPodScopes"/> are
/// the pod watches that had listed when the snapshot was taken (their pods are all in <paramref name="Pods"/>).
/// </summary>
internal sealed record ClusterSnapshot(
    IReadOnlyList<V2HorizontalPodAutoscaler> Hpas,
    IReadOnlyList<V1Deployment> Deployments,
    IReadOnlyList<V1StatefulSet> StatefulSets,
    IReadOnlyList<V1Pod> Pods,
    IReadOnlyList<V1Pod> Placeholders,
    IReadOnlyDictionary<WorkloadRef, ScaleTarget>? ScaleTargets = null,
    IReadOnlyDictionary<WorkloadRef, string>? UnreadableTargets = null,
    IReadOnlyList<V1Node>? Nodes = null,
    IReadOnlyDictionary<string, DateTimeOffset>? UnschedulableByUid = null,
    IReadOnlySet<WatchScope>? ListedPodScopes = null)
{
    public static ClusterSnapshot Empty { get; } = new([], [], [], [], []);

    public IReadOnlyDictionary<WorkloadRef, ScaleTarget> Targets => ScaleTargets ?? new Dictionary<WorkloadRef, ScaleTarget>();

    /// <summary>The pod watch scopes whose pods are all in <see cref="Pods"/>.</summary>
    public IReadOnlySet<WatchScope> Listed => ListedPodScopes ?? new HashSet<WatchScope>();

    /// <summary>Scale targets that could not be read this round (not 404: those are gone), with why.</summary>
    public IReadOnlyDictionary<WorkloadRef, string> Unreadable => UnreadableTargets ?? new Dictionary<WorkloadRef, string>();
}
