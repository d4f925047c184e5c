using Autoscale.LoadTest.Cluster;
using Autoscale.LoadTest.Controller;

namespace Autoscale.LoadTest.Simulation;

/// <summary>
/// The scale controller's side of the cluster: what its watches see (pods, placeholders, the queue-depth series
/// the adapter scrapes) and what it does to placeholder pods. Its HPA writes go to the policy's own HPA object.
/// </summary>
internal sealed partial class Simulator
{
    /// <summary>The queue-depth series the controller can look back over (its predictive lookback is at most this).</summary>
    private const double QueueHistorySeconds = 900;

    private readonly Queue<QueueDepthPoint> _queueDepth = new();

    private void RecordQueueDepth()
    {
        if (_policy is not IControllerLoop)
        {
            return;
        }

        var waiting = _pipeline.Visible.Vllm.Sum(s => s.Waiting);
        _queueDepth.Enqueue(new QueueDepthPoint(_now, waiting));
        while (_queueDepth.Peek().At < _now - QueueHistorySeconds)
        {
            _queueDepth.Dequeue();
        }
    }

    private void ControllerTick(IControllerLoop loop)
    {
        var placeholders = LivePlaceholders()
            .Select(p => new PlaceholderView(p.Name, p.TemplateHash, 1, p.Node?.Id))
            .ToList();
        var actions = loop.Tick(new ControllerTickInput(_now, _specReplicas, ReplicaViews(), placeholders, [.. _queueDepth]));
        foreach (var name in actions.Delete)
        {
            if (LivePlaceholders().FirstOrDefault(p => p.Name == name) is { } pod)
            {
                Remove(pod);
            }
        }

        foreach (var create in actions.Create)
        {
            // Create is idempotent by name, as a pod POST is (409 AlreadyExists).
            if (LivePlaceholders().All(p => p.Name != create.Name))
            {
                var pod = new SimPod(_pods.Count, true, _now, create.Name) { TemplateHash = create.TemplateHash, PullsImage = create.PullsImage };
                _pods.Add(pod);
            }
        }

        SchedulePending();
    }

    /// <summary>
    /// The run starts in steady state: just as the initial replicas are up, the pool the controller keeps for the
    /// initial fleet is already on ready nodes that hold the image (its nodes are billed from t = 0 like the rest).
    /// </summary>
    private void PrewarmPool(IControllerLoop loop)
    {
        ControllerTick(loop);
        foreach (var pod in LivePlaceholders().Where(p => p.Stage == PodStage.Pending).ToList())
        {
            var node = AddNode(0);
            node.ReadyAt = 0;
            node.ImageCached = true;
            Bind(pod, node);
        }
    }

    private IEnumerable<SimPod> LivePlaceholders() => _pods.Where(p => p.IsPlaceholder && p.Stage != PodStage.Deleted);
}
