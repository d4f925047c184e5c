using Autoscale.Kubernetes.Watch;
using Autoscale.ScaleController.Watch;
using k8s.Models;

namespace Autoscale.ScaleController.Tests.Watch;

/// <summary>
/// Watch caches a test sets by hand, counting what the stage asks of them. Pod watches list when started (as a
/// real one may, between a snapshot and the next call) unless <see cref="ListOnWatch"/> is off.
/// </summary>
internal sealed class CountingClusterCache(IReadOnlyList<V2HorizontalPodAutoscaler> hpas, IReadOnlyList<V1Deployment> deployments) : IClusterCache
{
    private readonly HashSet<WatchScope> _listed = [];
    private int _snapshots;

    public event Action? Changed;

    public bool Synced => true;

    public bool ListOnWatch { get; set; } = true;

    public int Snapshots => _snapshots;

    public IReadOnlyCollection<WatchScope> Watched { get; private set; } = [];

    public ClusterSnapshot Snapshot()
    {
        _snapshots++;
        return new ClusterSnapshot(hpas, deployments, [], [], [], ListedPodScopes: _listed.ToHashSet());
    }

    public bool WatchPods(IReadOnlyCollection<WatchScope> scopes)
    {
        Watched = scopes;
        if (ListOnWatch && scopes.Any(_listed.Add))
        {
            Changed?.Invoke();
        }

        return scopes.All(_listed.Contains);
    }
}
