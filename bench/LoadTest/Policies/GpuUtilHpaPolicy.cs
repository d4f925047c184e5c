using Autoscale.Hpa.Reconcile;
using Autoscale.Hpa.Spec;
using Autoscale.LoadTest.Metrics;

namespace Autoscale.LoadTest.Policies;

/// <summary>
/// GPU-utilisation HPA (<see cref="GpuUtilHpaOptions"/>): the shared HPA library on the per-pod
/// <c>DCGM_FI_DEV_GPU_UTIL</c> of <see cref="GpuUtilModel"/>. The pipeline's three sample-and-hold stages are, in
/// order, the exporter's collection, the Prometheus scrape and the relabelling rule's evaluation.
/// </summary>
internal sealed class GpuUtilHpaPolicy(GpuUtilHpaOptions options, int maxReplicas) : IScalingPolicy
{
    public static readonly MetricIdentifier GpuUtil = new("dcgm_fi_dev_gpu_util_relabelled");

    public string Name => "gpu-util-hpa";

    public HpaDriver Hpa { get; } = new(
        new HpaSpec(maxReplicas, [MetricSpec.Pods(GpuUtil, MetricTarget.AverageValue(options.TargetPercent * 1000L))], options.MinReplicas),
        HpaControllerOptions.Default);

    public MetricPipelineOptions Pipeline { get; } = new(options.CollectSeconds, options.PrometheusScrapeSeconds, options.RuleEvalSeconds);

    public double DecideEverySeconds => 15;

    public int MinReplicas => options.MinReplicas;

    public ScaleDecision Decide(PolicyInput input) => new(Hpa.Reconcile(input, HpaMetricsFactory.PodsGpuUtil(GpuUtil, input.Metrics)));
}
