using System.Globalization;
using Autoscale.LoadTest.Cluster;
using Autoscale.LoadTest.Policies;
using Autoscale.LoadTest.Replicas;

namespace Autoscale.LoadTest.Simulation;

/// <summary>
/// The GPU cluster and what runs on it: the ReplicaSet (create, delete in upstream order), the scheduler (free node
/// first, else a replica preempts a placeholder), the kubelet (image pull unless cached, then model load), the
/// Cluster Autoscaler (a node per unschedulable pod within the budget; empty nodes removed after the unneeded
/// time) and the replicas' engines, whose finished and killed requests it reports to the ledger. Its
/// <see cref="ClusterInventory"/> holds the nodes and pods; it keeps the cold starts and preemptions they went through.
/// </summary>
internal sealed class SimCluster
{
    private readonly SimClock _clock;
    private readonly ClusterOptions _options;
    private readonly Func<IReplicaEngine> _engineFactory;
    private readonly RequestLedger _ledger;
    private readonly ClusterInventory _inventory = new();
    private readonly List<ColdStart> _coldStarts = [];
    private readonly List<FinishedRequest> _finished = [];

    private BalloonPool? _balloons;
    private int _balloonsCreated;

    public SimCluster(SimClock clock, ClusterOptions options, Func<IReplicaEngine> engineFactory, RequestLedger ledger)
    {
        _clock = clock;
        _options = options;
        _engineFactory = engineFactory;
        _ledger = ledger;
    }

    /// <summary>Called when a replica turns Ready: the router can place what it buffered.</summary>
    public Action? ReplicaReady { get; set; }

    public ClusterOptions Options => _options;

    /// <summary>The Deployment's spec.replicas.</summary>
    public int SpecReplicas { get; private set; }

    /// <summary>Replicas that took a placeholder's node.</summary>
    public int Preemptions { get; private set; }

    public IReadOnlyList<ColdStart> ColdStarts => _coldStarts;

    /// <summary>Pods not yet deleted, in id order.</summary>
    public IReadOnlyList<SimPod> LivePods => _inventory.LivePods;

    /// <summary>Replicas with a running engine (Ready, or Terminating and draining), in id order.</summary>
    public IReadOnlyList<SimPod> Engines => _inventory.Engines;

    /// <summary>Nodes not yet removed (provisioning or ready), in id order.</summary>
    public IReadOnlyList<SimNode> LiveNodes => _inventory.LiveNodes;

    public IEnumerable<SimPod> LivePlaceholders => _inventory.LivePlaceholders;

    private double Now => _clock.Now;

    /// <summary>The run's starting fleet: <paramref name="replicas"/> Ready replicas on ready nodes that hold the image.</summary>
    public void StartWarm(int replicas)
    {
        for (var i = 0; i < replicas; i++)
        {
            var pod = _inventory.AddReplica(0);
            Bind(pod, AddWarmNode());
            pod.Stage = PodStage.Ready;
            pod.ReadyAt = 0;
            pod.Engine = _engineFactory();
            _inventory.EngineStarted(pod);
        }

        SpecReplicas = replicas;
    }

    /// <summary>Binds every Pending placeholder to a node that is ready at t = 0 with the image (billed from then).</summary>
    public void WarmPendingPlaceholders()
    {
        foreach (var pod in LivePlaceholders.Where(p => p.Stage == PodStage.Pending).ToList())
        {
            Bind(pod, AddWarmNode());
        }
    }

    /// <summary>
    /// Chunks (one single-GPU node each) a CapacityBuffer asks the Cluster Autoscaler to keep free: it provisions
    /// nodes until that many are empty beyond what pending pods need, and never removes those. No pod runs there, so
    /// nothing pulls the image; a replica simply lands on a free node.
    /// </summary>
    public int CapacityBuffer { get; set; }

    /// <summary>
    /// The buffer's nodes at the run's start: ready and empty at t = 0 (billed from then). Steady state, as for the
    /// placeholders' nodes: they hold the image (nodes earlier replicas left); a node provisioned later for the buffer
    /// does not, as no pod runs there.
    /// </summary>
    public void WarmCapacityBuffer()
    {
        for (var free = LiveNodes.Count(n => n.IsReady && n.Pod is null); free < CapacityBuffer; free++)
        {
            var node = _inventory.AddNode(0);
            node.ReadyAt = 0;
            node.ImageCached = true;
        }
    }

    /// <summary>
    /// Deploys a balloon Deployment: its pods start warm on ready nodes that hold the image (billed from t = 0, as
    /// Autoscale's initial pool is), and from then on each preempted balloon is replaced by a Pending one.
    /// </summary>
    public void KeepBalloons(BalloonPool pool)
    {
        _balloons = pool;
        for (var i = 0; i < pool.Pods; i++)
        {
            CreateBalloon();
        }

        WarmPendingPlaceholders();
    }

    public void Scale(int replicas)
    {
        SpecReplicas = replicas;
        ReconcileReplicaSet();
    }

    /// <summary>Creates a placeholder unless one of that name lives (a pod POST is idempotent by name: 409 AlreadyExists).</summary>
    public void CreatePlaceholder(string name, string templateHash, bool pullsImage)
    {
        if (LivePlaceholders.All(p => p.Name != name))
        {
            _inventory.AddPlaceholder(name, templateHash, pullsImage, Now);
        }
    }

    public void DeletePlaceholder(string name)
    {
        if (LivePlaceholders.FirstOrDefault(p => p.Name == name) is { } pod)
        {
            Remove(pod);
        }
    }

    /// <summary>The replica pods as the API server lists them (placeholders are not selected by the workload).</summary>
    public List<PodView> ReplicaViews() => _inventory.ReplicaViews();

    /// <summary>
    /// Runs every engine up to <paramref name="time"/>, records what finished, and removes a Terminating replica
    /// as soon as it has drained.
    /// </summary>
    public void AdvanceReplicas(double time)
    {
        // By index: a drained replica removed here stays in the list (skipped by its stage) until the next compaction.
        var engines = Engines;
        for (var i = 0; i < engines.Count; i++)
        {
            var pod = engines[i];
            if (pod.Stage is not (PodStage.Ready or PodStage.Terminating))
            {
                continue;
            }

            var engine = pod.Engine!;
            engine.AdvanceTo(time);
            engine.TakeFinished(_finished);
            if (_finished.Count > 0)
            {
                foreach (var done in _finished)
                {
                    _ledger.OnFinished(done);
                }

                _finished.Clear();
            }

            if (pod.Stage == PodStage.Terminating && engine.Waiting + engine.Running == 0)
            {
                _clock.Now = time;
                Remove(pod);
            }
        }
    }

    /// <summary>The end of the run: every request still on a replica is dropped.</summary>
    public void AbortAll()
    {
        foreach (var pod in Engines.Where(p => p.Stage is PodStage.Ready or PodStage.Terminating))
        {
            foreach (var id in pod.Engine!.Abort())
            {
                _ledger.OnDropped(id);
            }
        }
    }

    /// <summary>Node-seconds billed (provisioning request to removal) and replica-seconds run, up to now.</summary>
    public (double NodeSeconds, double ReplicaSeconds) Billed() => _inventory.Billed(Now);

    public void OnPodStageDone(int podId, int version)
    {
        var pod = _inventory.Pods[podId];
        if (pod.Version != version)
        {
            return;
        }

        if (pod.Stage == PodStage.PullingImage)
        {
            pod.Node!.ImageCached = true;
            EnterLoading(pod);
            return;
        }

        if (pod.Stage == PodStage.Loading)
        {
            pod.Stage = PodStage.Ready;
            pod.ReadyAt = Now;
            pod.Engine = _engineFactory();
            _inventory.EngineStarted(pod);
            _coldStarts.Add(new ColdStart(Now, Now - pod.CreatedAt, pod.NeededNewNode));
            ReplicaReady?.Invoke();
        }
    }

    public void OnTerminateDeadline(int podId, int version)
    {
        var pod = _inventory.Pods[podId];
        if (pod.Version != version || pod.Stage != PodStage.Terminating)
        {
            return;
        }

        foreach (var id in pod.Engine!.Abort())
        {
            _ledger.OnDropped(id);
        }

        Remove(pod);
    }

    public void OnNodeReady(int nodeId)
    {
        var node = _inventory.Nodes[nodeId];
        node.ReadyAt = Now;
        node.EmptySince = Now;
        SchedulePending();
    }

    public void AutoscalerScan()
    {
        var pending = 0;
        foreach (var pod in LivePods)
        {
            pending += pod.Stage == PodStage.Pending ? 1 : 0;
        }

        var nodes = LiveNodes;
        var coming = 0;
        foreach (var node in nodes)
        {
            coming += node.ReadyAt is null ? 1 : 0;
        }

        var live = nodes.Count;
        var wanted = pending - coming;
        if (CapacityBuffer > 0)
        {
            // The buffer's fake pods count as pending until that many empty nodes are there or coming.
            wanted += CapacityBuffer - nodes.Count(n => n.IsReady && n.Pod is null);
        }

        var add = Math.Min(wanted, _options.MaxNodes - live);
        for (var i = 0; i < add; i++)
        {
            var node = _inventory.AddNode(Now);
            var delay = _options.NodeProvision.Sample(_clock.Random) + _options.NodeInit.Sample(_clock.Random);
            _clock.Schedule(Now + delay, EventKind.NodeReady, node.Id);
        }

        if (pending > 0)
        {
            return;
        }

        var kept = 0;
        foreach (var node in nodes)
        {
            if (node.IsReady && node.Pod is null && kept < CapacityBuffer)
            {
                kept++; // held by the buffer's fake pods: not unneeded
            }
            else if (node.IsReady && node.Pod is null && Now - node.EmptySince >= _options.ScaleDownUnneededSeconds)
            {
                _inventory.RemoveNode(node, Now);
            }
        }
    }

    public void SchedulePending()
    {
        // Real replicas outrank placeholders (priority), then first come first served.
        var pending = PendingInSchedulingOrder();
        if (pending is null)
        {
            return;
        }

        foreach (var pod in pending)
        {
            var free = BestReadyNode(holdingPlaceholder: false);
            if (free is not null)
            {
                Bind(pod, free);
                continue;
            }

            if (pod.IsPlaceholder)
            {
                continue;
            }

            pod.UnschedulableSince ??= Now;
            var warm = BestReadyNode(holdingPlaceholder: true);
            if (warm is not null)
            {
                // Preemption: the placeholder (grace period 0) is deleted at once; whoever keeps the pool sees it
                // short and creates a new one, which is Pending until the CA adds a node.
                var victim = warm.Pod!;
                _inventory.Deleted(victim, Now);
                victim.Node = null;
                warm.Pod = null;
                Preemptions++;
                Bind(pod, warm);
                if (_balloons is not null && victim.TemplateHash == BalloonPool.TemplateHash)
                {
                    // Its ReplicaSet replaces it at once; the replacement waits for the CA like any Pending pod.
                    CreateBalloon();
                }
            }
        }
    }

    private void CreateBalloon() =>
        _inventory.AddPlaceholder("balloon-" + (_balloonsCreated++).ToString(CultureInfo.InvariantCulture), BalloonPool.TemplateHash, _balloons!.PullsImage, Now);

    /// <summary>Pending pods, replicas before placeholders (priority), then first come first served; null when none.</summary>
    private List<SimPod>? PendingInSchedulingOrder()
    {
        List<SimPod>? pending = null;
        foreach (var pod in LivePods)
        {
            if (pod.Stage == PodStage.Pending)
            {
                (pending ??= []).Add(pod);
            }
        }

        pending?.Sort(static (a, b) => a.IsPlaceholder != b.IsPlaceholder ? a.IsPlaceholder.CompareTo(b.IsPlaceholder)
            : a.CreatedAt != b.CreatedAt ? a.CreatedAt.CompareTo(b.CreatedAt)
            : a.Id.CompareTo(b.Id));
        return pending;
    }

    /// <summary>
    /// The node the scheduler picks: a ready node that is empty (or holds a placeholder), one with the image first,
    /// then the lowest id.
    /// </summary>
    private SimNode? BestReadyNode(bool holdingPlaceholder)
    {
        SimNode? best = null;
        foreach (var node in LiveNodes)
        {
            var fits = holdingPlaceholder ? node.Pod is { IsPlaceholder: true } : node.Pod is null;
            if (!fits || !node.IsReady)
            {
                continue;
            }

            if (node.ImageCached)
            {
                return node;
            }

            best ??= node;
        }

        return best;
    }

    private SimNode AddWarmNode()
    {
        var node = _inventory.AddNode(0);
        node.ReadyAt = 0;
        node.ImageCached = true;
        return node;
    }

    private void ReconcileReplicaSet()
    {
        var live = LivePods.Where(p => !p.IsPlaceholder && p.Stage != PodStage.Terminating).ToList();
        for (var i = live.Count; i < SpecReplicas; i++)
        {
            _inventory.AddReplica(Now);
        }

        // ReplicaSet deletion order: unscheduled, then not ready, then the most recently ready.
        var victims = live
            .OrderBy(p => p.Stage switch { PodStage.Pending => 0, PodStage.PullingImage => 1, PodStage.Loading => 2, _ => 3 })
            .ThenByDescending(p => p.ReadyAt ?? p.CreatedAt)
            .ThenByDescending(p => p.Id)
            .Take(Math.Max(0, live.Count - SpecReplicas))
            .ToList();
        foreach (var pod in victims)
        {
            Terminate(pod);
        }

        SchedulePending();
    }

    private void Bind(SimPod pod, SimNode node)
    {
        pod.Node = node;
        node.Pod = pod;
        pod.StartTime = Now;
        pod.NeededNewNode = node.ReadyAt > pod.CreatedAt;
        pod.Version++;
        if (pod.IsPlaceholder && !pod.PullsImage)
        {
            pod.Stage = PodStage.Ready;
            return;
        }

        if (node.ImageCached)
        {
            EnterLoading(pod);
            return;
        }

        pod.Stage = PodStage.PullingImage;
        _clock.Schedule(Now + _options.ImagePull.Sample(_clock.Random), EventKind.PodStageDone, pod.Id, pod.Version);
    }

    private void EnterLoading(SimPod pod)
    {
        pod.ContainersStartedAt = Now;
        if (pod.IsPlaceholder)
        {
            pod.Stage = PodStage.Ready;
            return;
        }

        pod.Stage = PodStage.Loading;
        _clock.Schedule(Now + _options.ModelLoad.Sample(_clock.Random), EventKind.PodStageDone, pod.Id, pod.Version);
    }

    private void Terminate(SimPod pod)
    {
        if (pod.Stage != PodStage.Ready || pod.Engine is null)
        {
            Remove(pod);
            return;
        }

        // Out of the endpoints at once; in-flight work drains until the grace period ends.
        pod.Stage = PodStage.Terminating;
        pod.Version++;
        pod.TerminateBy = Now + _options.TerminationGraceSeconds;
        _clock.Schedule(pod.TerminateBy.Value, EventKind.TerminateDeadline, pod.Id, pod.Version);
    }

    private void Remove(SimPod pod)
    {
        _inventory.Deleted(pod, Now);

        if (pod.Node is { } node)
        {
            node.Pod = null;
            node.EmptySince = Now;
            pod.Node = null;
            SchedulePending();
        }
    }
}
