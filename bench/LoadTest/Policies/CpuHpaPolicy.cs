using Autoscale.Hpa.Reconcile;
using Autoscale.Hpa.Spec;
using Autoscale.LoadTest.Metrics;

namespace Autoscale.LoadTest.Policies;

/// <summary>
/// The generic recipe: a Resource cpu Utilization HPA at 80 % — KServe's raw-deployment HPA example
/// (<c>scaleMetric: cpu</c>, <c>scaleTarget: 80</c>, kserve.github.io "Autoscaling with Kubernetes HPA") and
/// <c>kubectl autoscale --cpu-percent=80</c> in kubectl's own help — no behavior (300 s scale-down stabilisation),
/// fed by metrics-server at its 15 s resolution. Utilisation is usage over the pod's real request (4 cores,
/// <see cref="HpaDriver.CpuRequestMilli"/>), with the V1 pod CPU of <see cref="VllmCpuModel"/>: one busy engine
/// reads ~25–30 %, so CPU is a weak proxy for a GPU server whatever the load.
/// </summary>
internal sealed class CpuHpaPolicy(int targetUtilization, int minReplicas, int maxReplicas, double metricsResolutionSeconds = 15) : IScalingPolicy
{
    public string Name => "cpu-hpa";

    public HpaDriver Hpa { get; } = new(
        new HpaSpec(maxReplicas, [MetricSpec.Resource("cpu", MetricTarget.Utilization(targetUtilization))], minReplicas),
        HpaControllerOptions.Default);

    public MetricPipelineOptions Pipeline { get; } = new(metricsResolutionSeconds);

    public double DecideEverySeconds => 15;

    public int MinReplicas => minReplicas;

    public IReadOnlyDictionary<string, string> Describe() => PolicyDescription.Of(this, Hpa.Spec);

    public ScaleDecision Decide(PolicyInput input) => new(Hpa.Reconcile(input, HpaMetricsFactory.Cpu(input.Metrics)));
}
