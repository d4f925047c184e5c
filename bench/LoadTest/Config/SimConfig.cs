using Autoscale.LoadTest.Cluster;
using Autoscale.LoadTest.Policies;

namespace Autoscale.LoadTest.Config;

/// <summary>Everything configurable, with each published default unless the YAML overrides it.</summary>
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
    public static SimConfig Default { get; } = new(
        ClusterOptions.Default, 80, 1, 5000, 1, new Metrics.MetricPipelineOptions(30, 30), new KedaOptions(), new KpaOptions(), AutoscaleOptions.Default, new OracleOptions());
}
