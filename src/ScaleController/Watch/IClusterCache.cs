using Autoscale.Kubernetes.Watch;

namespace Autoscale.ScaleController.Watch;

/// <summary>
/// The watch caches as <see cref="ClusterWatch"/> sees them: synced or not, a snapshot, a signal on every change, and
/// which workloads' pods are watched. Reads through /scale and of metrics are not the caches' business: the stage
/// does them.
/// </summary>
internal interface IClusterCache
{
    bool Synced { get; }

    /// <summary>Raised (on a watch thread) after any cached object changed; the loop debounces it.</summary>
    event Action? Changed;

    ClusterSnapshot Snapshot();

    /// <summary>Watches the pods of exactly these workload scopes; true once all of them have listed.</summary>
    bool WatchPods(IReadOnlyCollection<WatchScope> scopes);
}
