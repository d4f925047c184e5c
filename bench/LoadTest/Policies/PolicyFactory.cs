using Autoscale.LoadTest.Config;

namespace Autoscale.LoadTest.Policies;

/// <summary>Builds a fresh policy by name (each run needs its own in-memory controller state).</summary>
internal static class PolicyFactory
{
    public static IScalingPolicy Create(string name, SimConfig config)
    {
        var max = config.Cluster.MaxNodes;
        return name switch
        {
            "cpu-hpa" => new CpuHpaPolicy(config.CpuTargetUtilization, config.CpuMinReplicas, max),
            "common-recipe" => new CommonRecipePolicy(config.CommonTargetMilli, config.CommonMinReplicas, max, config.CommonPipeline),
            "keda" => new KedaPolicy(config.Keda, max),
            "kpa" => new KpaPolicy(config.Kpa, max),
            "autoscale" => new AutoscalePolicy(config.Autoscale, max),
            _ => throw new ArgumentException($"unknown policy '{name}'", nameof(name)),
        };
    }
}
