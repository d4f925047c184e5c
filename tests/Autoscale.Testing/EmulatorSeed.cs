using Autoscale.ScaleController.Decide.Planner;
using Autoscale.VllmEmulator.Model;

namespace Autoscale.Testing;

/// <summary>
/// The planner's seed for an emulated GPU: the replica model's own step costs and limits, written as the
/// <c>planner.profile</c> an SRE copies from a <c>vllm bench serve</c> fit on that hardware. One mapping for the
/// planner's tests (ground truth for the capacity model) and the simulator (which seeds every run from <c>--profile</c>).
/// </summary>
public static class EmulatorSeed
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
}
