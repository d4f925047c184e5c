using Autoscale.VllmEmulator.Model;

namespace Autoscale.LoadTest.Policies;

/// <summary>
/// Sizes a Knative containerConcurrency for a vLLM replica the way its operator would after a load test: the most
/// requests of the service's typical shape the replica runs at once — no more than <c>--max-num-seqs</c>, no more
/// than fit in the KV cache at full length (more only queue inside vLLM), and no more than keep the step time
/// within the TPOT objective (issue #10: max(0.1 s, 3 × idle ITL)) with each request's prompt prefilled once over
/// its output. The KPA target is then container-concurrency-target-percentage (70 %, Knative default) of it.
/// </summary>
internal static class KpaSizing
{
    /// <summary>Mean prompt and output tokens of the Azure LLM inference trace 2023, conv (19,366 requests).</summary>
    public const int ReferencePromptTokens = 1155;

    public const int ReferenceOutputTokens = 211;

    /// <summary>Knative container-concurrency-target-percentage default.</summary>
    public const double TargetPercentage = 70;

    public const double TpotFloorSeconds = 0.1;

    public const double TpotIdleMultiple = 3;

    public static int ServableBatch(ReplicaProfile profile, int promptTokens = ReferencePromptTokens, int outputTokens = ReferenceOutputTokens)
    {
        var batch = Math.Min(profile.MaxNumSeqs, profile.KvCacheTokens / Math.Max(1, promptTokens + outputTokens));
        var tpot = Math.Max(TpotFloorSeconds, TpotIdleMultiple * profile.StepSeconds(1, 0));
        while (batch > 1 && profile.StepSeconds(batch, PrefillPerStep(profile, batch, promptTokens, outputTokens)) > tpot)
        {
            batch--;
        }

        return Math.Max(1, batch);
    }

    public static double TargetConcurrency(ReplicaProfile profile) =>
        Math.Max(1, Math.Floor(ServableBatch(profile) * TargetPercentage / 100));

    private static int PrefillPerStep(ReplicaProfile profile, int batch, int promptTokens, int outputTokens) =>
        Math.Min(profile.MaxNumBatchedTokens, (int)Math.Ceiling((double)batch * promptTokens / Math.Max(1, outputTokens)));
}
