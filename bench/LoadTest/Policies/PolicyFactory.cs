using Autoscale.LoadTest.Config;

namespace Autoscale.LoadTest.Policies;

/// <summary>Builds a fresh policy by name (each run needs its own in-memory controller state).</summary>
internal static class PolicyFactory
{
    /// <param name="demand">The trace's future, for the <c>oracle</c> reference only.</param>
    public static IScalingPolicy Create(string name, SimConfig config, OracleDemand? demand = null)
    {
        var max = config.Cluster.MaxNodes;
        return name switch
        {
            "cpu-hpa" => new CpuHpaPolicy(config.CpuTargetUtilization, config.CpuMinReplicas, max),
            "common-recipe" => new CommonRecipePolicy(config.CommonTargetMilli, config.CommonMinReplicas, max, config.CommonPipeline),
            "keda" => new KedaPolicy(config.Keda, max),
            "kpa" => new KpaPolicy(config.Kpa, max),
            "autoscale" => new AutoscalePolicy(config.Autoscale, max),
            "oracle" => new OraclePolicy(
                config.Oracle,
                demand ?? throw new ArgumentException("the oracle needs the trace's demand", nameof(demand)),
                OracleDemand.ColdStartQuantile(config.Cluster, config.Oracle.LeadQuantile)),
            _ => throw new ArgumentException($"unknown policy '{name}'", nameof(name)),
        };
    }
}
