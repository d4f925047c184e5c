using Autoscale.LoadTest.Cluster;

namespace Autoscale.LoadTest.Simulation;

/// <summary>
/// The cluster side: the ReplicaSet (create, delete in upstream order), the scheduler (free node first, else a
/// replica preempts a placeholder), the kubelet (image pull unless cached, then model load) and the Cluster
/// Autoscaler (a node per unschedulable pod within the budget; empty nodes removed after the unneeded time).
/// </summary>
internal sealed partial class Simulator
{
    private readonly List<SimNode> _nodes = [];
    private readonly List<SimPod> _pods = [];
    private readonly Dictionary<int, double> _podEnded = [];

    private SimNode AddNode(double now)
    {
        var node = new SimNode(_nodes.Count, now) { EmptySince = now };
        _nodes.Add(node);
        return node;
    }

    private SimPod NewPod(bool placeholder, double now)
    {
        var pod = new SimPod(_pods.Count, placeholder, now);
        _pods.Add(pod);
        return pod;
    }

    private void ReconcileReplicaSet()
    {
        var live = _pods.Where(p => !p.IsPlaceholder && p.Stage is not (PodStage.Terminating or PodStage.Deleted)).ToList();
        for (var i = live.Count; i < _specReplicas; i++)
        {
            NewPod(false, _now);
        }

        // ReplicaSet deletion order: unscheduled, then not ready, then the most recently ready.
        var victims = live
            .OrderBy(p => p.Stage switch { PodStage.Pending => 0, PodStage.PullingImage => 1, PodStage.Loading => 2, _ => 3 })
            .ThenByDescending(p => p.ReadyAt ?? p.CreatedAt)
            .ThenByDescending(p => p.Id)
            .Take(Math.Max(0, live.Count - _specReplicas))
            .ToList();
        foreach (var pod in victims)
        {
            Terminate(pod);
        }

        SchedulePending();
    }

    private void SchedulePending()
    {
        // Real replicas outrank placeholders (priority), then first come first served.
        foreach (var pod in _pods.Where(p => p.Stage == PodStage.Pending).OrderBy(p => p.IsPlaceholder).ThenBy(p => p.CreatedAt).ThenBy(p => p.Id).ToList())
        {
            var free = _nodes.Where(n => n.IsReady && n.Pod is null).OrderByDescending(n => n.ImageCached).ThenBy(n => n.Id).FirstOrDefault();
            if (free is not null)
            {
                Bind(pod, free);
                continue;
            }

            if (pod.IsPlaceholder)
            {
                continue;
            }

            pod.UnschedulableSince ??= _now;
            var warm = _nodes.Where(n => n.IsReady && n.Pod is { IsPlaceholder: true }).OrderByDescending(n => n.ImageCached).ThenBy(n => n.Id).FirstOrDefault();
            if (warm is not null)
            {
                // Preemption: the placeholder (grace period 0) is deleted at once; the controller sees its pool
                // short on its next tick and creates a new one, which is Pending until the CA adds a node.
                var victim = warm.Pod!;
                victim.Version++;
                victim.Stage = PodStage.Deleted;
                victim.Node = null;
                _podEnded[victim.Id] = _now;
                warm.Pod = null;
                _preemptions++;
                Bind(pod, warm);
            }
        }
    }

    private void Bind(SimPod pod, SimNode node)
    {
        pod.Node = node;
        node.Pod = pod;
        pod.StartTime = _now;
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
        _events.Schedule(_now + _options.Cluster.ImagePull.Sample(_random), EventKind.PodStageDone, pod.Id, pod.Version);
    }

    private void EnterLoading(SimPod pod)
    {
        pod.ContainersStartedAt = _now;
        if (pod.IsPlaceholder)
        {
            pod.Stage = PodStage.Ready;
            return;
        }

        pod.Stage = PodStage.Loading;
        _events.Schedule(_now + _options.Cluster.ModelLoad.Sample(_random), EventKind.PodStageDone, pod.Id, pod.Version);
    }

    private void OnPodStageDone(int podId, int version)
    {
        var pod = _pods[podId];
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
            pod.ReadyAt = _now;
            pod.Engine = _engineFactory();
            _coldStarts.Add(new ColdStart(_now, _now - pod.CreatedAt, pod.NeededNewNode));
            FlushBuffer();
        }
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
        pod.TerminateBy = _now + (_policy.TerminationGraceSeconds ?? _options.Cluster.TerminationGraceSeconds);
        _events.Schedule(pod.TerminateBy.Value, EventKind.TerminateDeadline, pod.Id, pod.Version);
    }

    private void OnTerminateDeadline(int podId, int version)
    {
        var pod = _pods[podId];
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

    private void Remove(SimPod pod)
    {
        pod.Version++;
        pod.Stage = PodStage.Deleted;
        if (pod.StartTime is not null)
        {
            _podEnded[pod.Id] = _now;
        }

        if (pod.Node is { } node)
        {
            node.Pod = null;
            node.EmptySince = _now;
            pod.Node = null;
            SchedulePending();
        }
    }

    private void OnNodeReady(int nodeId)
    {
        var node = _nodes[nodeId];
        node.ReadyAt = _now;
        node.EmptySince = _now;
        SchedulePending();
    }

    private void AutoscalerScan()
    {
        var pending = _pods.Count(p => p.Stage == PodStage.Pending);
        var coming = _nodes.Count(n => n.ReadyAt is null && n.RemovedAt is null);
        var live = _nodes.Count(n => n.RemovedAt is null);
        var add = Math.Min(pending - coming, _options.Cluster.MaxNodes - live);
        for (var i = 0; i < add; i++)
        {
            var node = AddNode(_now);
            var delay = _options.Cluster.NodeProvision.Sample(_random) + _options.Cluster.NodeInit.Sample(_random);
            _events.Schedule(_now + delay, EventKind.NodeReady, node.Id);
        }

        if (pending > 0)
        {
            return;
        }

        foreach (var node in _nodes.Where(n => n.IsReady && n.Pod is null && _now - n.EmptySince >= _options.Cluster.ScaleDownUnneededSeconds))
        {
            node.RemovedAt = _now;
        }
    }
}
