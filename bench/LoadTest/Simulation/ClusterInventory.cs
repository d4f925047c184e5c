using Autoscale.LoadTest.Cluster;
using Autoscale.LoadTest.Policies;

namespace Autoscale.LoadTest.Simulation;

/// <summary>
/// Every node and pod a run made, and when each pod ended (for billing). The hot paths (every event advances the
/// engines, every arrival routes) must not walk every pod and node the run ever created, so it also keeps the live
/// ones in id order, the order of the full lists, so that every decision and every random draw comes out as if the
/// full lists were walked. Deleted pods and removed nodes are compacted away lazily, on the next read.
/// </summary>
internal sealed class ClusterInventory
{
    private readonly List<SimNode> _nodes = [];
    private readonly List<SimPod> _pods = [];
    private readonly Dictionary<int, double> _podEnded = [];
    private readonly List<SimPod> _live = [];
    private readonly List<SimPod> _engines = [];
    private readonly List<SimNode> _liveNodes = [];
    private bool _liveStale;
    private bool _enginesStale;
    private bool _nodesStale;

    public IReadOnlyList<SimNode> Nodes => _nodes;

    public IReadOnlyList<SimPod> Pods => _pods;

    /// <summary>Pods not yet deleted, in id order.</summary>
    public IReadOnlyList<SimPod> LivePods
    {
        get
        {
            if (_liveStale)
            {
                _live.RemoveAll(static p => p.Stage == PodStage.Deleted);
                _liveStale = false;
            }

            return _live;
        }
    }

    /// <summary>Replicas with a running engine (Ready, or Terminating and draining), in id order.</summary>
    public IReadOnlyList<SimPod> Engines
    {
        get
        {
            if (_enginesStale)
            {
                _engines.RemoveAll(static p => p.Stage == PodStage.Deleted);
                _enginesStale = false;
            }

            return _engines;
        }
    }

    /// <summary>Nodes not yet removed (provisioning or ready), in id order.</summary>
    public IReadOnlyList<SimNode> LiveNodes
    {
        get
        {
            if (_nodesStale)
            {
                _liveNodes.RemoveAll(static n => n.RemovedAt is not null);
                _nodesStale = false;
            }

            return _liveNodes;
        }
    }

    public IEnumerable<SimPod> LivePlaceholders => LivePods.Where(p => p.IsPlaceholder);

    public SimNode AddNode(double requestedAt)
    {
        var node = new SimNode(_nodes.Count, requestedAt) { EmptySince = requestedAt };
        _nodes.Add(node);
        _liveNodes.Add(node);
        return node;
    }

    public void RemoveNode(SimNode node, double at)
    {
        node.RemovedAt = at;
        _nodesStale = true;
    }

    public SimPod AddReplica(double createdAt) => Add(new SimPod(_pods.Count, false, createdAt));

    public SimPod AddPlaceholder(string name, string templateHash, bool pullsImage, double createdAt) =>
        Add(new SimPod(_pods.Count, true, createdAt, name) { TemplateHash = templateHash, PullsImage = pullsImage });

    /// <summary>The pod's engine started. Pods turn Ready in any order; the list stays in id order.</summary>
    public void EngineStarted(SimPod pod)
    {
        var engines = Engines;
        var at = engines.Count;
        while (at > 0 && engines[at - 1].Id > pod.Id)
        {
            at--;
        }

        _engines.Insert(at, pod);
    }

    /// <summary>The pod is gone (deleted or preempted): its scheduled events are void and, if it ran, its bill ends.</summary>
    public void Deleted(SimPod pod, double at)
    {
        pod.Version++;
        pod.Stage = PodStage.Deleted;
        _liveStale = true;
        _enginesStale |= pod.Engine is not null;
        if (pod.StartTime is not null)
        {
            _podEnded[pod.Id] = at;
        }
    }

    /// <summary>The replica pods as the API server lists them (placeholders are not selected by the workload).</summary>
    public List<PodView> ReplicaViews()
    {
        var views = new List<PodView>();
        foreach (var p in LivePods)
        {
            if (!p.IsPlaceholder)
            {
                views.Add(new PodView(p.Name, p.Stage, p.CreatedAt, p.StartTime, p.ReadyAt, p.ContainersStartedAt, p.UnschedulableSince));
            }
        }

        return views;
    }

    /// <summary>Node-seconds billed (provisioning request to removal) and replica-seconds run, up to <paramref name="now"/>.</summary>
    public (double NodeSeconds, double ReplicaSeconds) Billed(double now) => (
        _nodes.Sum(n => (n.RemovedAt ?? now) - n.RequestedAt),
        _pods.Where(p => !p.IsPlaceholder && p.StartTime is not null)
            .Sum(p => (_podEnded.TryGetValue(p.Id, out var end) ? end : now) - p.StartTime!.Value));

    private SimPod Add(SimPod pod)
    {
        _pods.Add(pod);
        _live.Add(pod);
        return pod;
    }
}
