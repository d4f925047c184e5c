using Autoscale.LoadTest.Cluster;
using Autoscale.LoadTest.Controller;
using Autoscale.LoadTest.Metrics;

namespace Autoscale.LoadTest.Simulation;

/// <summary>
/// Runs a policy's scale controller beside its HPA on the controller's own tick: gives it what its watches see (the
/// workload's pods, the placeholder pods, the queue-depth series the adapter scrapes, which this host keeps, and the
/// workload's demand as the adapter's <see cref="DemandSeries"/> serves it, read only when the planner is on) and
/// carries out its placeholder creates and deletes, and its CapacityBuffer's size, on the cluster. Its HPA writes go to the policy's HPA object.
/// </summary>
internal sealed class ControllerHost(SimClock clock, SimCluster cluster, SimulatedController controller)
{
    /// <summary>The queue-depth series the controller can look back over (its predictive lookback is at most this).</summary>
    private const double QueueHistorySeconds = 900;

    private readonly Queue<QueueDepthPoint> _queueDepth = new();
    private readonly DemandSeries _demand = new(controller.DemandWindows);

    public void Start() => clock.Schedule(clock.Phase(controller.TickSeconds), EventKind.ControllerTick);

    /// <summary>After each scrape: the fleet's summed queue depth as the adapter serves it.</summary>
    public void RecordQueueDepth(MetricSnapshot visible)
    {
        var waiting = visible.Vllm.Sum(s => s.Waiting);
        _queueDepth.Enqueue(new QueueDepthPoint(clock.Now, waiting));
        while (_queueDepth.Peek().At < clock.Now - QueueHistorySeconds)
        {
            _queueDepth.Dequeue();
        }

        if (controller.ReadsDemand)
        {
            _demand.Observe(visible);
        }
    }

    public void OnTick()
    {
        Tick();
        clock.Schedule(clock.Now + controller.TickSeconds, EventKind.ControllerTick);
    }

    /// <summary>
    /// The run starts in steady state: just as the initial replicas are up, the pool the controller keeps for the
    /// initial fleet is already on ready nodes that hold the image (its nodes are billed from t = 0 like the rest).
    /// </summary>
    public void PrewarmPool()
    {
        Tick();
        cluster.WarmPendingPlaceholders();
        cluster.WarmCapacityBuffer();
    }

    private void Tick()
    {
        var placeholders = cluster.LivePlaceholders
            .Select(p => new PlaceholderView(p.Name, p.TemplateHash, 1, p.Node?.Id))
            .ToList();
        var demand = controller.ReadsDemand ? WorkloadDemandReader.Sum(_demand.Read()) : null;
        var actions = controller.Tick(new ControllerTickInput(clock.Now, cluster.SpecReplicas, cluster.ReplicaViews(), placeholders, [.. _queueDepth], demand));
        foreach (var name in actions.Delete)
        {
            cluster.DeletePlaceholder(name);
        }

        foreach (var create in actions.Create)
        {
            cluster.CreatePlaceholder(create.Name, create.TemplateHash, create.PullsImage);
        }

        if (actions.CapacityBuffer is { } chunks)
        {
            cluster.CapacityBuffer = chunks;
        }

        cluster.SchedulePending();
    }
}
