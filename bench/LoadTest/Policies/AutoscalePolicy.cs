using Autoscale.Hpa.Metrics;
using Autoscale.Hpa.Reconcile;
using Autoscale.Hpa.Spec;
using Autoscale.LoadTest.Controller;
using Autoscale.LoadTest.Metrics;
using Autoscale.ScaleController.Decide;
using Autoscale.VllmEmulator.Model;

namespace Autoscale.LoadTest.Policies;

/// <summary>
/// Autoscale: the HPA library on fresh (2 s) queue depth every 15 s, and beside it the real scale controller
/// (<see cref="SimulatedController"/> running <see cref="Decider"/>) every 10 s, which rewrites the HPA's behavior
/// from learnt cold starts and keeps the warm pool of placeholder pods. With the controller's SLO planner on, the
/// controller reads the demand metrics through the adapter's semantics and publishes its recommendation on the HPA;
/// the HPA scales on it as the Object metric <c>autoscale_desired_replicas</c> (AverageValue 1) beside the queue-depth
/// safety net, and the planner is seeded from the simulated GPU (<see cref="PlannerSeed"/>). The HPA starts with no
/// behavior but the tolerances the options set, as an SRE would create it.
/// </summary>
internal sealed class AutoscalePolicy : IScalingPolicy
{
    private readonly AutoscaleOptions _options;

    public AutoscalePolicy(AutoscaleOptions options, int maxReplicas, ReplicaProfile? profile = null, Func<DecideInput, DecideOutput>? decide = null)
    {
        _options = profile is null ? options : options with { Controller = PlannerSeed.Apply(options.Controller, profile, options.SeedError) };
        Hpa = new HpaDriver(
            new HpaSpec(maxReplicas, Metrics(_options), _options.MinReplicas, Behavior(_options)),
            HpaControllerOptions.Default);
        Controller = new SimulatedController(_options.Controller, Hpa, _options.ControllerTickSeconds, decide) { DemandWindows = _options.DemandWindows };
        Pipeline = new MetricPipelineOptions(_options.ScrapeSeconds);
    }

    public string Name => "autoscale";

    public HpaDriver Hpa { get; }

    public SimulatedController Controller { get; }

    public MetricPipelineOptions Pipeline { get; }

    public double DecideEverySeconds => 15;

    public int MinReplicas => _options.MinReplicas;

    public IReadOnlyDictionary<string, string> Describe() => PolicyDescription.Of(
        this,
        Hpa.Spec,
        ("controller.tickSeconds", PolicyDescription.Fields(_options.ControllerTickSeconds)),
        ("controller.dryRun", PolicyDescription.Fields(_options.Controller.DryRun || _options.Controller.Workloads[0].DryRun)),
        ("controller.budget", PolicyDescription.Fields(_options.Controller.Budget)),
        ("controller.coldStart", PolicyDescription.Fields(_options.Controller.Workloads[0].Policy.ColdStart)),
        ("controller.scaleDown", PolicyDescription.Fields(_options.Controller.Workloads[0].Policy.ScaleDown)),
        ("controller.scaleUp", PolicyDescription.Fields(_options.Controller.Workloads[0].Policy.ScaleUp)),
        ("controller.warmPool", PolicyDescription.Fields(_options.Controller.Workloads[0].Policy.WarmPool)),
        ("controller.planner", PolicyDescription.Fields(_options.Controller.Workloads[0].Policy.Planner with { Profile = null })),
        ("controller.planner.profile", _options.PlannerEnabled ? "seeded from the simulated GPU (--profile): " + PolicyDescription.Fields(_options.Controller.Workloads[0].Policy.Planner.Profile) : "n/a"),
        ("adapter", PolicyDescription.Fields(new { _options.DesiredReplicasMaxAgeSeconds, _options.DemandWindows.RateSeconds, _options.DemandWindows.ArrivalSeconds, _options.DemandWindows.LatencySeconds })));

    public static readonly MetricIdentifier Running = new("vllm_running_requests");

    public static readonly MetricIdentifier KvUsage = new("vllm_kv_cache_usage");

    /// <summary>The planner's object metric: on the scale target, as the HPA's Object metric names it.</summary>
    public static readonly MetricIdentifier DesiredReplicas = new("autoscale_desired_replicas");

    public static readonly CrossVersionObjectReference ScaleTarget = new("Deployment", "vllm", "apps/v1");

    public ScaleDecision Decide(PolicyInput input)
    {
        var metrics = HpaMetricsFactory.Vllm(input.Metrics);
        if (_options.PlannerEnabled
            && DesiredReplicasMetric.Serve(Hpa.Annotations, HpaDriver.At(input.Now), _options.DesiredReplicasMaxAgeSeconds) is { } desired)
        {
            metrics = metrics with { ObjectMetrics = new Dictionary<ObjectMetricKey, ObjectMetricSample> { [new ObjectMetricKey(ScaleTarget, DesiredReplicas)] = desired } };
        }

        return new(Hpa.Reconcile(input, metrics));
    }

    private static HpaBehavior? Behavior(AutoscaleOptions options) =>
        options.ScaleUpTolerance is null && options.ScaleDownTolerance is null
            ? null
            : new HpaBehavior(
                options.ScaleUpTolerance is { } up ? new HpaScalingRules(Tolerance: up) : null,
                options.ScaleDownTolerance is { } down ? new HpaScalingRules(Tolerance: down) : null);

    private static List<MetricSpec> Metrics(AutoscaleOptions options)
    {
        var metrics = new List<MetricSpec>();
        if (options.PlannerEnabled)
        {
            metrics.Add(MetricSpec.Object(ScaleTarget, DesiredReplicas, MetricTarget.AverageValue(1000)));
        }

        metrics.Add(MetricSpec.Pods(CommonRecipePolicy.QueueDepth, MetricTarget.AverageValue(options.TargetQueueDepthMilli)));
        if (options.TargetRunningMilli is { } running)
        {
            metrics.Add(MetricSpec.Pods(Running, MetricTarget.AverageValue(running)));
        }

        if (options.TargetKvUsageMilli is { } kv)
        {
            metrics.Add(MetricSpec.Pods(KvUsage, MetricTarget.AverageValue(kv)));
        }

        return metrics;
    }
}
