using Autoscale.LoadTest.Cluster;
using Autoscale.LoadTest.Metrics;

namespace Autoscale.LoadTest.Policies;

/// <summary>
/// Knative KPA (pkg/autoscaler/scaling/autoscaler.go Scale): desired = ceil(window-average total concurrency /
/// per-pod target) over the stable and the panic window, each clamped to [floor(ready/maxDown), ceil(maxUp·ready)]
/// with ready = max(1, ready pods). Panic starts when panic desired / ready ≥ threshold, holds the highest panic
/// desired (no scale-down while panicking) and ends after a full stable window below the threshold. The options
/// must carry a resolved <see cref="KpaOptions.TargetConcurrency"/> (<see cref="PolicyFactory"/> derives it).
/// </summary>
internal sealed class KpaPolicy(KpaOptions options, int maxReplicas) : IScalingPolicy
{
    private readonly double _target = options.TargetConcurrency is double target && target > 0
        ? target
        : throw new ArgumentException("the KPA needs a positive target concurrency", nameof(options));

    private readonly Queue<(double At, double Total)> _samples = new();
    private readonly Queue<(double At, int Desired)> _delayWindow = new();
    private double _lastScrapeAt = double.NegativeInfinity;
    private double? _panicStarted;
    private int _maxPanicPods;

    public string Name => "kpa";

    public MetricPipelineOptions Pipeline { get; } = new(options.ScrapeSeconds);

    public double DecideEverySeconds => options.TickSeconds;

    public int MinReplicas => options.MinScale;

    public IReadOnlyDictionary<string, string> Describe() =>
        PolicyDescription.Of(this, null, ("kpa", PolicyDescription.Fields(options)), ("maxReplicas", maxReplicas.ToString(System.Globalization.CultureInfo.InvariantCulture)));

    public bool Panicking => _panicStarted is not null;

    public KpaOptions Options => options;

    public double? TerminationGraceSeconds => options.TerminationGraceSeconds;

    public ScaleDecision Decide(PolicyInput input)
    {
        if (input.Metrics.At > _lastScrapeAt)
        {
            _lastScrapeAt = input.Metrics.At;
            _samples.Enqueue((input.Metrics.At, input.Metrics.Vllm.Sum(s => (double)(s.Waiting + s.Running))));
        }

        while (_samples.Count > 0 && _samples.Peek().At <= input.Now - options.StableWindowSeconds)
        {
            _samples.Dequeue();
        }

        var ready = Math.Max(1, input.Pods.Count(p => p.Stage == PodStage.Ready));
        if (_samples.Count == 0)
        {
            return new ScaleDecision(Math.Max(options.MinScale, input.SpecReplicas));
        }

        var panicWindow = options.StableWindowSeconds * options.PanicWindowPercentage / 100;
        var stable = _samples.Average(s => s.Total);
        var panicSamples = _samples.Where(s => s.At > input.Now - panicWindow).ToList();
        var panic = panicSamples.Count > 0 ? panicSamples.Average(s => s.Total) : stable;

        var maxUp = (int)Math.Ceiling(options.MaxScaleUpRate * ready);
        var maxDown = options.MaxScaleDownRate > 0 ? (int)Math.Floor(ready / options.MaxScaleDownRate) : 0;
        var dspc = Math.Clamp((int)Math.Ceiling(stable / _target), maxDown, maxUp);
        var dppc = Math.Clamp((int)Math.Ceiling(panic / _target), maxDown, maxUp);

        var overThreshold = (double)dppc / ready >= options.PanicThresholdPercentage / 100;
        if (overThreshold)
        {
            if (_panicStarted is null)
            {
                // Entering panic starts from the pods already serving.
                _maxPanicPods = input.Pods.Count(p => p.Stage == PodStage.Ready);
            }

            _panicStarted = input.Now;
        }
        else if (_panicStarted is { } started && input.Now >= started + options.StableWindowSeconds)
        {
            _panicStarted = null;
            _maxPanicPods = 0;
        }

        int desired;
        if (_panicStarted is null)
        {
            desired = dspc;
        }
        else
        {
            // Provision for the larger window, and never scale down while panicking.
            _maxPanicPods = Math.Max(_maxPanicPods, Math.Max(dppc, dspc));
            desired = _maxPanicPods;
        }

        desired = ApplyScaleDownDelay(input.Now, desired);
        return new ScaleDecision(Math.Clamp(desired, options.MinScale, maxReplicas));
    }

    // scale-down-delay: the max desired over the delay window (a no-op at the default 0).
    private int ApplyScaleDownDelay(double now, int desired)
    {
        if (options.ScaleDownDelaySeconds <= 0)
        {
            return desired;
        }

        _delayWindow.Enqueue((now, desired));
        while (_delayWindow.Peek().At <= now - options.ScaleDownDelaySeconds)
        {
            _delayWindow.Dequeue();
        }

        return _delayWindow.Max(d => d.Desired);
    }
}
