using Autoscale.Kubernetes.Watch;
using Autoscale.ScaleController.Config;

namespace Autoscale.ScaleController.Watch;

/// <summary>The watch caches as the loop sees them: synced or not, a snapshot, and a signal on every change.</summary>
internal interface IClusterCache
{
    bool Synced { get; }

    /// <summary>Raised (on a watch thread) after any cached object changed; the loop debounces it.</summary>
    event Action? Changed;

    ClusterSnapshot Snapshot();

    /// <summary>
    /// Reads the scale targets of the managed workloads that are not Deployments or StatefulSets (those are watched)
    /// through their /scale subresource; the next <see cref="Snapshot"/> has them.
    /// </summary>
    Task RefreshScaleTargetsAsync(ControllerConfig config, CancellationToken stop);

    /// <summary>Watches the pods of exactly these workload scopes; true once all of them have listed.</summary>
    bool WatchPods(IReadOnlyCollection<WatchScope> scopes);
}
