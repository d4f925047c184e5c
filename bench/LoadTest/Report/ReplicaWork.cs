using Autoscale.VllmEmulator.Model;

namespace Autoscale.LoadTest.Report;

/// <summary>
/// The replica-seconds one request costs at the best batch its context allows, from the profile's step-cost model
/// (<see cref="ReplicaProfile.StepSeconds"/>): its prompt tokens' prefill cost, plus each decode step's cost shared
/// with the largest batch that fits — at most <c>max_num_seqs</c> sequences, and no more than the KV cache holds
/// of sequences this long (the prompt plus half the output: the mean context over its decode). The context terms are
/// charged as the model charges them: the prompt's attention pairs (the same total however it is chunked) and each
/// decode step's KV read at the mean context (the read is linear in context, so the mean gives the exact sum).
/// Nothing queues and the prefill pays no share of a step's fixed cost (it rides on decode steps), so no schedule
/// can do the work in less: this is a lower bound, not a fleet that meets an SLO. One exception: a trace carrying
/// prefix hashes may have part of a prompt cached, which this charges in full.
/// </summary>
internal static class ReplicaWork
{
    public static double Seconds(ReplicaProfile profile, int promptTokens, int outputTokens)
    {
        promptTokens = Math.Max(1, promptTokens);
        var prefill = profile.StepSeconds(0, 0, promptTokens, ReplicaProfile.ContextPairs(0, promptTokens)) - profile.StepSeconds(0, 0);
        if (outputTokens <= 1)
        {
            return prefill;
        }

        var context = promptTokens + ((outputTokens - 1) / 2);
        var batch = BestBatch(profile, context);
        return prefill + ((outputTokens - 1) * profile.StepSeconds(batch, (long)batch * context, 0, 0) / batch);
    }

    /// <summary>The most sequences of <paramref name="contextTokens"/> tokens that run together: KV blocks and max_num_seqs allow it.</summary>
    public static int BestBatch(ReplicaProfile profile, int contextTokens)
    {
        var blocksEach = Math.Max(1, (contextTokens + profile.BlockSize - 1) / profile.BlockSize);
        return Math.Clamp(profile.NumGpuBlocks / blocksEach, 1, profile.MaxNumSeqs);
    }
}
