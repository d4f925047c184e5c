using Autoscale.Hpa.Reconcile;
using Autoscale.Hpa.Spec;
using Autoscale.LoadTest.Controller;
using Autoscale.LoadTest.Metrics;
using Autoscale.ScaleController.Decide;

namespace Autoscale.LoadTest.Policies;

/// <summary>
/// Autoscale: the HPA library on fresh (2 s) queue depth every 15 s, and beside it the real scale controller
/// (<see cref="SimulatedController"/> running <see cref="Decider"/>) every 10 s, which rewrites the HPA's behavior
/// from learnt cold starts and keeps the warm pool of placeholder pods. The HPA starts with no behavior, as an
/// SRE would create it.
/// </summary>
internal sealed class AutoscalePolicy : IScalingPolicy
{
    private readonly AutoscaleOptions _options;

    public AutoscalePolicy(AutoscaleOptions options, int maxReplicas, Func<DecideInput, DecideOutput>? decide = null)
    {
        _options = options;
        Hpa = new HpaDriver(
            new HpaSpec(maxReplicas, Metrics(options), options.MinReplicas),
            HpaControllerOptions.Default);
        Controller = new SimulatedController(options.Controller, Hpa, options.ControllerTickSeconds, decide);
        Pipeline = new MetricPipelineOptions(options.ScrapeSeconds);
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
        ("controller.warmPool", PolicyDescription.Fields(_options.Controller.Workloads[0].Policy.WarmPool)));

    public static readonly MetricIdentifier Running = new("vllm_running_requests");

    public static readonly MetricIdentifier KvUsage = new("vllm_kv_cache_usage");

    public ScaleDecision Decide(PolicyInput input) => new(Hpa.Reconcile(input, HpaMetricsFactory.Vllm(input.Metrics)));

    private static List<MetricSpec> Metrics(AutoscaleOptions options)
    {
        var metrics = new List<MetricSpec> { MetricSpec.Pods(CommonRecipePolicy.QueueDepth, MetricTarget.AverageValue(options.TargetQueueDepthMilli)) };
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
