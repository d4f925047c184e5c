using Autoscale.LoadTest.Config;
using Autoscale.VllmEmulator.Model;

namespace Autoscale.LoadTest.Policies;

/// <summary>Builds a fresh policy by name (each run needs its own in-memory controller state).</summary>
internal static class PolicyFactory
{
    /// <summary>Every policy name <c>--policies</c> accepts, in report order: the baselines, Autoscale, the oracle reference.</summary>
    public static readonly string[] Names = ["cpu-hpa", "common-recipe", "keda", "kpa", "aibrix", "gpu-util-hpa", "autoscale", "oracle"];

    /// <param name="demand">The trace's future, for the <c>oracle</c> reference only.</param>
    /// <param name="profile">The replica profile, which sizes the KPA's concurrency target when the config leaves it
    /// unset; null: the simulator's default profile (<see cref="ReplicaProfiles.Llama31_8B_A10G"/>).</param>
    public static IScalingPolicy Create(string name, SimConfig config, OracleDemand? demand = null, ReplicaProfile? profile = null)
    {
        var max = config.Cluster.MaxNodes;
        return name switch
        {
            "cpu-hpa" => new CpuHpaPolicy(config.CpuTargetUtilization, config.CpuMinReplicas, max),
            "common-recipe" => new CommonRecipePolicy(config.CommonTargetMilli, config.CommonMinReplicas, max, config.CommonPipeline),
            "keda" => new KedaPolicy(config.Keda, max),
            "kpa" => new KpaPolicy(
                config.Kpa with { TargetConcurrency = config.Kpa.TargetConcurrency ?? KpaSizing.TargetConcurrency(profile ?? ReplicaProfiles.Llama31_8B_A10G) },
                max),
            "aibrix" => new AibrixPolicy(config.Aibrix, max),
            "gpu-util-hpa" => new GpuUtilHpaPolicy(config.GpuUtilHpa, max),
            "autoscale" => new AutoscalePolicy(config.Autoscale, max, profile ?? ReplicaProfiles.Llama31_8B_A10G),
            "oracle" => new OraclePolicy(
                config.Oracle,
                demand ?? throw new ArgumentException("the oracle needs the trace's demand", nameof(demand)),
                OracleDemand.ColdStartQuantile(config.Cluster, config.Oracle.LeadQuantile)),
            _ => throw new ArgumentException($"unknown policy '{name}'", nameof(name)),
        };
    }
}
