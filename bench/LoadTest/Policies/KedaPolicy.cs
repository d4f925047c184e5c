using Autoscale.Hpa.Reconcile;
using Autoscale.Hpa.Spec;
using Autoscale.LoadTest.Metrics;

namespace Autoscale.LoadTest.Policies;

/// <summary>
/// KEDA: the operator generates <c>keda-hpa-…</c> with an External AverageValue metric (the trigger threshold) and
/// no behavior, so 1↔N is the HPA library at its 15 s sync. KEDA itself owns 0↔1: every pollingInterval it checks
/// activation (value &gt; activationThreshold) and scales to zero only after cooldownPeriod without activity.
/// </summary>
internal sealed class KedaPolicy(KedaOptions options, int maxReplicas) : IScalingPolicy
{
    public static readonly MetricIdentifier Metric = new("s0-prometheus", "scaledobject.keda.sh/name=vllm");

    private double _lastPoll = double.NegativeInfinity;
    private double _lastActive;
    private bool _active = true;

    public string Name => "keda";

    public HpaDriver Hpa { get; } = new(
        new HpaSpec(maxReplicas, [MetricSpec.External(Metric, MetricTarget.AverageValue(options.ThresholdMilli))], Math.Max(1, options.MinReplicaCount)),
        HpaControllerOptions.Default);

    public MetricPipelineOptions Pipeline { get; } = new(options.PrometheusScrapeSeconds);

    public double DecideEverySeconds => 15;

    public int MinReplicas => options.MinReplicaCount;

    public IReadOnlyDictionary<string, string> Describe() => PolicyDescription.Of(this, Hpa.Spec, ("keda", PolicyDescription.Fields(options)));

    public ScaleDecision Decide(PolicyInput input)
    {
        var sumMilli = input.Metrics.Vllm.Sum(s => (long)s.Waiting) * 1000L;
        if (input.Now - _lastPoll >= options.PollingIntervalSeconds)
        {
            _lastPoll = input.Now;
            if (sumMilli > options.ActivationThresholdMilli)
            {
                _active = true;
                _lastActive = input.Now;
            }
            else if (input.Now - _lastActive >= options.CooldownPeriodSeconds)
            {
                _active = false;
            }
        }

        if (options.MinReplicaCount == 0 && !_active)
        {
            return new ScaleDecision(0);
        }

        if (input.SpecReplicas == 0)
        {
            return new ScaleDecision(_active ? 1 : 0);
        }

        return new ScaleDecision(Hpa.Reconcile(input, HpaMetricsFactory.ExternalWaitingSum(Metric, input.Metrics, input.Now)));
    }
}
