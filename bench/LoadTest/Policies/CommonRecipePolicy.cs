using Autoscale.Hpa.Reconcile;
using Autoscale.Hpa.Spec;
using Autoscale.LoadTest.Metrics;

namespace Autoscale.LoadTest.Policies;

/// <summary>
/// The common recipe: Prometheus scrapes vLLM every 30 s and evaluates a recording rule every 30 s
/// (kube-prometheus-stack's scrapeInterval and evaluationInterval; Prometheus's own global default is 1 min), the
/// rule exposes <c>vllm_queue_depth</c>, prometheus-adapter serves it, and an HPA with a <c>Pods</c> metric at
/// AverageValue 5 (GKE's LLM-autoscaling guidance: queue size "start at 3–5"; vLLM production-stack's Helm
/// threshold 5 on num_requests_waiting) and no behavior (so the 300 s downscale-stabilisation default applies)
/// syncs every 15 s (--horizontal-pod-autoscaler-sync-period). Loading pods have no metric and are "missing" to
/// the HPA library (0 on scale-up, target on scale-down), as upstream.
/// </summary>
internal sealed class CommonRecipePolicy(long targetMilli, int minReplicas, int maxReplicas, MetricPipelineOptions pipeline) : IScalingPolicy
{
    public static readonly MetricIdentifier QueueDepth = new("vllm_queue_depth");

    public string Name => "common-recipe";

    public HpaDriver Hpa { get; } = new(
        new HpaSpec(maxReplicas, [MetricSpec.Pods(QueueDepth, MetricTarget.AverageValue(targetMilli))], minReplicas),
        HpaControllerOptions.Default);

    public MetricPipelineOptions Pipeline { get; } = pipeline;

    public double DecideEverySeconds => 15;

    public int MinReplicas => minReplicas;

    public IReadOnlyDictionary<string, string> Describe() => PolicyDescription.Of(this, Hpa.Spec);

    public ScaleDecision Decide(PolicyInput input) => new(Hpa.Reconcile(input, HpaMetricsFactory.PodsWaiting(QueueDepth, input.Metrics)));
}
