using Autoscale.LoadTest.Cluster;
using Autoscale.LoadTest.Policies;
using Autoscale.LoadTest.Replicas;
using Autoscale.LoadTest.Traces;

namespace Autoscale.LoadTest.Simulation;

/// <summary>
/// One policy against one trace, in virtual time: the event loop that composes the run's parts on one clock — the
/// <see cref="SimCluster"/> (nodes, pods, cold starts, Cluster Autoscaler, replica engines), the <see cref="Router"/>
/// (arrivals, buffer), the <see cref="MetricFeed"/> (the policy's metric pipeline), the policy's decision loop and,
/// when the policy has one, the <see cref="ControllerHost"/>. Before handling any event every engine is advanced to
/// its time, so the state each event sees is exact.
/// </summary>
internal sealed class Simulator
{
    private readonly Trace _trace;
    private readonly IScalingPolicy _policy;
    private readonly SimulationOptions _options;
    private readonly Action<double>? _progress;
    private readonly SimClock _clock;
    private readonly RequestLedger _ledger;
    private readonly SimCluster _cluster;
    private readonly Router _router;
    private readonly MetricFeed _metrics;
    private readonly ControllerHost? _controller;
    private readonly List<TimePoint> _series = [];
    private readonly List<double> _scaleEventTimes = [];

    public Simulator(Trace trace, IScalingPolicy policy, SimulationOptions options, Func<IReplicaEngine> engineFactory, Action<double>? progress = null)
    {
        _trace = trace;
        _policy = policy;
        _options = options;
        _progress = progress;
        _clock = new SimClock(options.Seed);
        _ledger = new RequestLedger(trace.Requests.Count);
        // A platform that sets the pods' grace period itself (Knative: the revision timeout) overrides the cluster's.
        var cluster = policy.TerminationGraceSeconds is { } grace ? options.Cluster with { TerminationGraceSeconds = grace } : options.Cluster;
        _cluster = new SimCluster(_clock, cluster, engineFactory, _ledger);
        _router = new Router(_clock, _cluster, _ledger, trace);
        _cluster.ReplicaReady = _router.FlushBuffer;
        _metrics = new MetricFeed(_clock, _cluster, policy.Pipeline);
        _controller = policy.Controller is { } controller ? new ControllerHost(_clock, _cluster, controller) : null;
    }

    public RunResult Run()
    {
        Start();
        var end = _trace.DurationSeconds + _options.DrainSeconds;
        while (_clock.Events.TryDequeue(out var next))
        {
            if (next.Time > end)
            {
                break;
            }

            _cluster.AdvanceReplicas(next.Time);
            _clock.Now = next.Time;
            Handle(next);
            if (_router.AllArrived && _ledger.AllDone && _clock.Now >= _trace.DurationSeconds)
            {
                break;
            }
        }

        return Finish();
    }

    private void Start()
    {
        _cluster.StartWarm(_options.InitialReplicas);
        _controller?.PrewarmPool();
        if (_options.Balloons is { } balloons && _controller is null)
        {
            _cluster.KeepBalloons(balloons);
        }
        _router.Start();
        _metrics.Start();
        _clock.Schedule(_clock.Phase(_policy.DecideEverySeconds), EventKind.Decide);
        _controller?.Start();
        _clock.Schedule(_clock.Phase(_options.Cluster.AutoscalerScanSeconds), EventKind.AutoscalerScan);
        _clock.Schedule(0, EventKind.Sample);
    }

    private void Handle(SimEvent e)
    {
        switch (e.Kind)
        {
            case EventKind.Arrival:
                _router.OnArrival(e.Target);
                break;
            case EventKind.NodeReady:
                _cluster.OnNodeReady(e.Target);
                break;
            case EventKind.PodStageDone:
                _cluster.OnPodStageDone(e.Target, e.Version);
                break;
            case EventKind.TerminateDeadline:
                _cluster.OnTerminateDeadline(e.Target, e.Version);
                break;
            case EventKind.Scrape:
                _metrics.OnScrape();
                _controller?.RecordQueueDepth(_metrics.Visible);
                break;
            case EventKind.RuleEval:
                _metrics.OnRuleEval();
                break;
            case EventKind.AdapterRefresh:
                _metrics.OnAdapterRefresh();
                break;
            case EventKind.Decide:
                Decide();
                _clock.Schedule(_clock.Now + _policy.DecideEverySeconds, EventKind.Decide);
                break;
            case EventKind.AutoscalerScan:
                _cluster.AutoscalerScan();
                _clock.Schedule(_clock.Now + _options.Cluster.AutoscalerScanSeconds, EventKind.AutoscalerScan);
                break;
            case EventKind.ControllerTick:
                _controller!.OnTick();
                break;
            case EventKind.Sample:
                Sample();
                _clock.Schedule(_clock.Now + _options.SampleEverySeconds, EventKind.Sample);
                break;
            default:
                throw new InvalidOperationException($"unknown event {e.Kind}");
        }
    }

    private void Decide()
    {
        var decision = _policy.Decide(new PolicyInput(_clock.Now, _cluster.SpecReplicas, _cluster.ReplicaViews(), _metrics.Visible));
        var desired = Math.Clamp(decision.Replicas, 0, _options.Cluster.MaxNodes);
        if (desired != _cluster.SpecReplicas)
        {
            _scaleEventTimes.Add(_clock.Now);
            _cluster.Scale(desired);
        }
    }

    private void Sample()
    {
        var (ready, pods, placeholders, waiting) = (0, 0, 0, 0);
        foreach (var pod in _cluster.LivePods)
        {
            if (pod.IsPlaceholder)
            {
                placeholders++;
                continue;
            }

            ready += pod.Stage == PodStage.Ready ? 1 : 0;
            pods += pod.Stage != PodStage.Terminating ? 1 : 0;
            waiting += pod.Engine?.Waiting ?? 0;
        }

        _series.Add(new TimePoint(_clock.Now, _cluster.SpecReplicas, ready, pods, _cluster.LiveNodes.Count, placeholders, waiting, _router.Buffered));
        _router.ExpireBuffered();
        _progress?.Invoke(Math.Min(1, _clock.Now / Math.Max(1, _trace.DurationSeconds)));
    }

    private RunResult Finish()
    {
        _cluster.AbortAll();
        _router.DropBuffered();
        _ledger.DropUnfinished();
        var (nodeSeconds, replicaSeconds) = _cluster.Billed();
        var balloons = _controller is null ? _options.Balloons?.Pods ?? 0 : 0;
        return new RunResult(_policy.Name, _ledger, nodeSeconds, replicaSeconds, _scaleEventTimes, _series, _cluster.ColdStarts, _clock.Now, _cluster.Preemptions, balloons, _policy.Controller?.PlannerEvents);
    }
}
