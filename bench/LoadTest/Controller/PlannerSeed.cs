using Autoscale.ScaleController.Config;
using Autoscale.ScaleController.Decide.Planner;
using Autoscale.VllmEmulator.Model;

namespace Autoscale.LoadTest.Controller;

/// <summary>
/// The planner's seed for the simulated GPU: the replica model's own step costs and limits, written as the
/// <c>planner.profile</c> an SRE copies from a <c>vllm bench serve</c> fit on that hardware. The simulator seeds every
/// run from <c>--profile</c> (a config names one GPU; the rows run several), so the seed is exact and the online
/// correction has nothing to correct there; the correction's own test covers a seed that is off.
/// </summary>
internal static class PlannerSeed
{
    public static ReplicaServiceProfile From(ReplicaProfile profile) => new()
    {
        PrefillSecondsPerToken = profile.StepPerPrefillTokenSeconds,
        PrefillAttentionPerContextToken = profile.PrefillAttentionPerContextToken,
        DecodeStepBaseSeconds = profile.StepBaseSeconds,
        DecodeStepPerSequenceSeconds = profile.StepPerDecodeSequenceSeconds,
        DecodeStepPerContextTokenSeconds = profile.DecodeKvReadSecondsPerContextToken,
        KvCacheTokens = profile.KvCacheTokens,
        MaxSequences = profile.MaxNumSeqs,
        MaxBatchedTokens = profile.MaxNumBatchedTokens,
        BlockSize = profile.BlockSize,
    };

    /// <summary>The config with the simulated workload's planner (when on) seeded from <paramref name="profile"/>.</summary>
    public static ControllerConfig Apply(ControllerConfig config, ReplicaProfile profile)
    {
        var workload = config.Workloads[0];
        if (!workload.Policy.Planner.Enabled)
        {
            return config;
        }

        var planner = workload.Policy.Planner with { Profile = From(profile) };
        var seeded = workload with { Policy = workload.Policy with { Planner = planner } };
        return config with { Workloads = [seeded, .. config.Workloads.Skip(1)] };
    }
}
