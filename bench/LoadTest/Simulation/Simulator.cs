using Autoscale.LoadTest.Cluster;
using Autoscale.LoadTest.Controller;
using Autoscale.LoadTest.Metrics;
using Autoscale.LoadTest.Policies;
using Autoscale.LoadTest.Replicas;
using Autoscale.LoadTest.Traces;

namespace Autoscale.LoadTest.Simulation;

/// <summary>
/// One policy against one trace, in virtual time: arrivals, the router, vLLM replicas, the GPU cluster with its
/// cold starts, the metric pipeline and the policy's decisions are all events on one clock. Before handling any
/// event every engine is advanced to its time, so the state each event sees is exact.
/// </summary>
internal sealed partial class Simulator
{
    private readonly Trace _trace;
    private readonly IScalingPolicy _policy;
    private readonly SimulationOptions _options;
    private readonly Func<IReplicaEngine> _engineFactory;
    private readonly Action<double>? _progress;
    private readonly EventQueue _events = new();
    private readonly Random _random;
    private readonly MetricPipeline _pipeline;
    private readonly RequestLedger _ledger;
    private readonly List<FinishedRequest> _finished = [];
    private readonly List<TimePoint> _series = [];
    private readonly List<ColdStart> _coldStarts = [];
    private readonly List<double> _scaleEventTimes = [];
    private double _now;
    private int _nextArrival;
    private int _specReplicas;
    private int _preemptions;

    public Simulator(Trace trace, IScalingPolicy policy, SimulationOptions options, Func<IReplicaEngine> engineFactory, Action<double>? progress = null)
    {
        _trace = trace;
        _policy = policy;
        _options = options;
        _engineFactory = engineFactory;
        _progress = progress;
        _random = new Random(options.Seed);
        _pipeline = new MetricPipeline(policy.Pipeline);
        _ledger = new RequestLedger(trace.Requests.Count);
    }

    public RunResult Run()
    {
        Start();
        var end = _trace.DurationSeconds + _options.DrainSeconds;
        while (_events.TryDequeue(out var next))
        {
            if (next.Time > end)
            {
                break;
            }

            AdvanceEngines(next.Time);
            _now = next.Time;
            Handle(next);
            if (_nextArrival >= _trace.Requests.Count && _ledger.AllDone && _now >= _trace.DurationSeconds)
            {
                break;
            }
        }

        return Finish();
    }

    private void Start()
    {
        for (var i = 0; i < _options.InitialReplicas; i++)
        {
            var node = AddNode(0);
            node.ReadyAt = 0;
            node.ImageCached = true;
            var pod = NewPod(false, 0);
            Bind(pod, node);
            pod.Stage = PodStage.Ready;
            pod.ReadyAt = 0;
            pod.Engine = _engineFactory();
        }

        _specReplicas = _options.InitialReplicas;
        if (_policy is IControllerLoop loop)
        {
            PrewarmPool(loop);
        }

        if (_trace.Requests.Count > 0)
        {
            _events.Schedule(_trace.Requests[0].ArrivalSeconds, EventKind.Arrival, 0);
        }

        // Independent loops start at seeded phases, as unsynchronised components do in a real cluster.
        var pipeline = _policy.Pipeline;
        _events.Schedule(Phase(pipeline.ScrapeSeconds), EventKind.Scrape);
        if (pipeline.RuleEvalSeconds > 0)
        {
            _events.Schedule(Phase(pipeline.RuleEvalSeconds), EventKind.RuleEval);
        }

        if (pipeline.AdapterCacheSeconds > 0)
        {
            _events.Schedule(Phase(pipeline.AdapterCacheSeconds), EventKind.AdapterRefresh);
        }

        _events.Schedule(Phase(_policy.DecideEverySeconds), EventKind.Decide);
        if (_policy is IControllerLoop controller)
        {
            _events.Schedule(Phase(controller.TickSeconds), EventKind.ControllerTick);
        }

        _events.Schedule(Phase(_options.Cluster.AutoscalerScanSeconds), EventKind.AutoscalerScan);
        _events.Schedule(0, EventKind.Sample);
    }

    private double Phase(double interval) => _random.NextDouble() * interval;

    private void Handle(SimEvent e)
    {
        switch (e.Kind)
        {
            case EventKind.Arrival:
                OnArrival(e.Target);
                break;
            case EventKind.NodeReady:
                OnNodeReady(e.Target);
                break;
            case EventKind.PodStageDone:
                OnPodStageDone(e.Target, e.Version);
                break;
            case EventKind.TerminateDeadline:
                OnTerminateDeadline(e.Target, e.Version);
                break;
            case EventKind.Scrape:
                _pipeline.OnScrape(Scrape());
                RecordQueueDepth();
                _events.Schedule(_now + _policy.Pipeline.ScrapeSeconds, EventKind.Scrape);
                break;
            case EventKind.RuleEval:
                _pipeline.OnRuleEval();
                _events.Schedule(_now + _policy.Pipeline.RuleEvalSeconds, EventKind.RuleEval);
                break;
            case EventKind.AdapterRefresh:
                _pipeline.OnAdapterRefresh();
                _events.Schedule(_now + _policy.Pipeline.AdapterCacheSeconds, EventKind.AdapterRefresh);
                break;
            case EventKind.Decide:
                Decide();
                _events.Schedule(_now + _policy.DecideEverySeconds, EventKind.Decide);
                break;
            case EventKind.AutoscalerScan:
                AutoscalerScan();
                _events.Schedule(_now + _options.Cluster.AutoscalerScanSeconds, EventKind.AutoscalerScan);
                break;
            case EventKind.ControllerTick:
                var loop = (IControllerLoop)_policy;
                ControllerTick(loop);
                _events.Schedule(_now + loop.TickSeconds, EventKind.ControllerTick);
                break;
            case EventKind.Sample:
                Sample();
                _events.Schedule(_now + _options.SampleEverySeconds, EventKind.Sample);
                break;
            default:
                throw new InvalidOperationException($"unknown event {e.Kind}");
        }
    }

    private void Decide()
    {
        var decision = _policy.Decide(new PolicyInput(_now, _specReplicas, ReplicaViews(), _pipeline.Visible));
        var desired = Math.Clamp(decision.Replicas, 0, _options.Cluster.MaxNodes);
        if (desired != _specReplicas)
        {
            _scaleEventTimes.Add(_now);
            _specReplicas = desired;
            ReconcileReplicaSet();
        }
    }

    private List<PodView> ReplicaViews() => _pods.Where(p => !p.IsPlaceholder && p.Stage != PodStage.Deleted)
        .Select(p => new PodView(p.Name, p.Stage, p.CreatedAt, p.StartTime, p.ReadyAt, p.ContainersStartedAt, p.UnschedulableSince))
        .ToList();

    private void Sample()
    {
        var replicas = _pods.Where(p => !p.IsPlaceholder && p.Stage != PodStage.Deleted).ToList();
        _series.Add(new TimePoint(
            _now,
            _specReplicas,
            replicas.Count(p => p.Stage == PodStage.Ready),
            replicas.Count(p => p.Stage != PodStage.Terminating),
            _nodes.Count(n => n.RemovedAt is null),
            _pods.Count(p => p.IsPlaceholder && p.Stage != PodStage.Deleted),
            replicas.Where(p => p.Engine is not null).Sum(p => p.Engine!.Waiting),
            _buffer.Count));
        ExpireBuffered();
        _progress?.Invoke(Math.Min(1, _now / Math.Max(1, _trace.DurationSeconds)));
    }

    private RunResult Finish()
    {
        foreach (var pod in _pods.Where(p => p.Engine is not null && p.Stage is PodStage.Ready or PodStage.Terminating))
        {
            foreach (var id in pod.Engine!.Abort())
            {
                _ledger.OnDropped(id);
            }
        }

        foreach (var (request, _) in _buffer)
        {
            _ledger.OnDropped(request.Id);
        }

        _ledger.DropUnfinished();
        var nodeSeconds = _nodes.Sum(n => (n.RemovedAt ?? _now) - n.RequestedAt);
        var replicaSeconds = _pods.Where(p => !p.IsPlaceholder && p.StartTime is not null)
            .Sum(p => (_podEnded.TryGetValue(p.Id, out var end) ? end : _now) - p.StartTime!.Value);
        return new RunResult(_policy.Name, _ledger, nodeSeconds, replicaSeconds, _scaleEventTimes, _series, _coldStarts, _now, _preemptions);
    }
}
