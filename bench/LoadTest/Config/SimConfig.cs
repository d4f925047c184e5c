using Autoscale.LoadTest.Cluster;
using Autoscale.LoadTest.Policies;

namespace Autoscale.LoadTest.Config;

/// <summary>
/// Everything configurable, with each published default unless the YAML overrides it; each policy's options type
/// cites the source of its defaults. The common recipe: Prometheus scrape 30 s and recording-rule evaluation 30 s
/// (the production-stack / kubernetes/examples recipe), <c>vllm_queue_depth</c> AverageValue 5 (production-stack
/// Helm default threshold), minReplicas 1.
/// </summary>
internal sealed record SimConfig(
    ClusterOptions Cluster,
    int CpuTargetUtilization,
    int CpuMinReplicas,
    long CommonTargetMilli,
    int CommonMinReplicas,
    Metrics.MetricPipelineOptions CommonPipeline,
    KedaOptions Keda,
    KpaOptions Kpa,
    AutoscaleOptions Autoscale,
    OracleOptions Oracle)
{
    public AibrixOptions Aibrix { get; init; } = new();

    public GpuUtilHpaOptions GpuUtilHpa { get; init; } = new();

    /// <summary>Every published default, and Autoscale at the controller's built-in policies (no planner).</summary>
    public static SimConfig Builtin { get; } = new(
        ClusterOptions.Default, 80, 1, 5000, 1, new Metrics.MetricPipelineOptions(30, 30), new KedaOptions(), new KpaOptions(), AutoscaleOptions.ControllerDefaults, new OracleOptions());

    private static readonly Lazy<SimConfig> Shipped = new(() => ShippedConfig.Read(Builtin));

    /// <summary><see cref="Builtin"/> with Autoscale as the shipped config (<see cref="ShippedConfig"/>): what runs without <c>--config</c>.</summary>
    public static SimConfig Default => Shipped.Value;
}
