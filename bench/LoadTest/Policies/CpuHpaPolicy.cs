using Autoscale.Hpa.Reconcile;
using Autoscale.Hpa.Spec;
using Autoscale.LoadTest.Metrics;

namespace Autoscale.LoadTest.Policies;

/// <summary>
/// The generic recipe: <c>kubectl autoscale --cpu-percent=80</c> — a Resource cpu Utilization HPA, no behavior
/// (legacy path, 300 s scale-down stabilisation), fed by metrics-server at its 15 s resolution. CPU is a weak
/// proxy for a GPU server: the engine loop keeps a core busy whenever any request runs, whatever the load.
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
