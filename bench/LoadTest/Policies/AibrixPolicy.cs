using Autoscale.LoadTest.Cluster;
using Autoscale.LoadTest.Metrics;

namespace Autoscale.LoadTest.Policies;

/// <summary>
/// AIBrix PodAutoscaler, KPA or APA (<see cref="AibrixOptions"/>). Every resync it reads the target metric from
/// each ready pod's /metrics and records the pods' sum in its own sliding windows, averaged on read
/// (pkg/controller/podautoscaler/metrics KPAMetricsClient / APAMetricsClient UpdateMetrics). Then, from the ready pods
/// (aibrix pkg/controller/podautoscaler/algorithm/kpa.go and apa.go):
/// <list type="bullet">
/// <item>KPA: Knative's formula — dspc = ceil(stable / target), dppc = ceil(panic / target), both clamped to
/// [floor(ready / maxDown), ceil(maxUp · ready)]; panic while dppc / ready ≥ threshold, holding the highest count
/// (no scale-down) until a full stable window passes below it — plus AIBrix's tolerance band: outside panic, no
/// change while the stable value per ready pod is within [target (1 − downTol), target (1 + upTol)].</item>
/// <item>APA: its metrics client keeps the same pod total in one window (observeWindowSeconds) and the algorithm
/// takes the window average per ready pod as the current use ("APA uses current value directly");
/// ratio = that / target; above 1 + upTol,
/// min(ceil(ready · ratio), ceil(maxUp · ready)); below 1 − downTol, max(ceil(ready · ratio), floor(ready / maxDown));
/// otherwise unchanged.</item>
/// </list>
/// Then the pending-replica guard (aibrix#2670, PR #2671, merged): replicas already requested and still starting
/// count toward a scale-up instead of being added again, and are not cancelled by one. Then the cooldown windows:
/// a scale-down takes the highest recommendation of the last scale-down-cooldown-window (300 s). With no metric
/// from any pod it keeps the current scale (aibrix PR #2592: never scale on missing metrics).
/// </summary>
internal sealed class AibrixPolicy(AibrixOptions options, int maxReplicas) : IScalingPolicy
{
    private readonly Queue<(double At, double Total)> _window = new();
    private readonly Queue<(double At, int Replicas)> _recommendations = new();
    private double? _panicSince;
    private int _maxPanicPods;

    public string Name => "aibrix";

    public AibrixOptions Options => options;

    /// <summary>AIBrix fetches pod metrics inside its reconcile; a 1 s scrape makes them as fresh.</summary>
    public MetricPipelineOptions Pipeline { get; } = new(1);

    public double DecideEverySeconds => options.ResyncSeconds;

    public int MinReplicas => options.MinReplicas;

    public bool Panicking => _panicSince is not null;

    public ScaleDecision Decide(PolicyInput input)
    {
        var samples = input.Metrics.Vllm;
        if (samples.Count == 0)
        {
            return new ScaleDecision(Math.Clamp(input.SpecReplicas, options.MinReplicas, maxReplicas));
        }

        var current = samples.Sum(Value);
        _window.Enqueue((input.Now, current));
        while (_window.Count > 0 && _window.Peek().At <= input.Now - options.StableWindowSeconds)
        {
            _window.Dequeue();
        }

        var readyCount = input.Pods.Count(p => p.Stage == PodStage.Ready);
        var ready = Math.Max(1, readyCount);
        var raw = options.Strategy == AibrixStrategy.Kpa
            ? Kpa(input.Now, ready)
            : Apa(_window.Average(s => s.Total) / ready, ready);

        // Pending-replica guard: pods already requested and starting cover a scale-up computed from ready pods.
        var desired = raw >= readyCount ? Math.Max(raw, input.SpecReplicas) : raw;
        desired = Cooldown(input.Now, input.SpecReplicas, desired);
        return new ScaleDecision(Math.Clamp(desired, options.MinReplicas, maxReplicas));
    }

    private int Kpa(double now, int ready)
    {
        var stable = _window.Average(s => s.Total);
        var panicSamples = _window.Where(s => s.At > now - options.PanicWindowSeconds).ToList();
        var panic = panicSamples.Count > 0 ? panicSamples.Average(s => s.Total) : stable;

        var maxUp = Math.Max(1, (int)Math.Ceiling(options.MaxScaleUpRate * ready));
        var maxDown = (int)Math.Floor(ready / options.MaxScaleDownRate);
        var dspc = Math.Clamp((int)Math.Ceiling(stable / options.TargetValue), maxDown, maxUp);
        var dppc = Math.Clamp((int)Math.Ceiling(panic / options.TargetValue), maxDown, maxUp);

        if ((double)dppc / ready >= options.PanicThreshold)
        {
            if (_panicSince is null)
            {
                _maxPanicPods = ready;
            }

            _panicSince = now;
        }
        else if (_panicSince is { } since && now >= since + options.StableWindowSeconds)
        {
            _panicSince = null;
            _maxPanicPods = 0;
        }

        if (_panicSince is not null)
        {
            _maxPanicPods = Math.Max(_maxPanicPods, Math.Max(dspc, dppc));
            return _maxPanicPods;
        }

        return WithinBand(stable / ready) ? ready : dspc;
    }

    private int Apa(double perPod, int ready)
    {
        var ratio = perPod / options.TargetValue;
        if (ratio > 1 + options.UpTolerance)
        {
            return Math.Min((int)Math.Ceiling(ready * ratio), (int)Math.Ceiling(options.MaxScaleUpRate * ready));
        }

        if (ratio < 1 - options.DownTolerance)
        {
            return Math.Max((int)Math.Ceiling(ready * ratio), (int)Math.Floor(ready / options.MaxScaleDownRate));
        }

        return ready;
    }

    private bool WithinBand(double perPod) =>
        perPod >= options.TargetValue * (1 - options.DownTolerance) && perPod <= options.TargetValue * (1 + options.UpTolerance);

    // Recommendations are kept for the longer cooldown; a move against the current scale must hold over its window.
    private int Cooldown(double now, int current, int desired)
    {
        _recommendations.Enqueue((now, desired));
        var keep = Math.Max(options.ScaleDownCooldownSeconds, options.ScaleUpCooldownSeconds);
        while (_recommendations.Count > 1 && _recommendations.Peek().At <= now - keep)
        {
            _recommendations.Dequeue();
        }

        if (desired < current)
        {
            var highest = _recommendations.Where(r => r.At > now - options.ScaleDownCooldownSeconds).Select(r => r.Replicas).DefaultIfEmpty(desired).Max();
            return Math.Min(current, Math.Max(desired, highest));
        }

        if (desired > current && options.ScaleUpCooldownSeconds > 0)
        {
            var lowest = _recommendations.Where(r => r.At > now - options.ScaleUpCooldownSeconds).Select(r => r.Replicas).DefaultIfEmpty(desired).Min();
            return Math.Max(current, Math.Min(desired, lowest));
        }

        return desired;
    }

    private double Value(VllmSample sample) => options.Metric switch
    {
        AibrixMetric.KvCacheUsage => sample.KvUsage,
        AibrixMetric.Waiting => sample.Waiting,
        _ => sample.Running,
    };
}
