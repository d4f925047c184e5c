namespace Autoscale.ScaleController.Decide.Planner;

/// <summary>
/// The seed an SRE writes for one workload (model × accelerator): the step costs of one vLLM engine iteration, the
/// same shape as the simulator's replica model so a `vllm bench serve` fit or the emulator's profile can be copied
/// in. A decode step costs <c>base + perSequence × running + perContextToken × Σ context</c>; a prompt token costs
/// <see cref="PrefillSecondsPerToken"/> (times <c>1 + attention × context</c> for long prompts).
/// </summary>
public sealed record ReplicaServiceProfile
{
    public required double PrefillSecondsPerToken { get; init; }

    public required double DecodeStepBaseSeconds { get; init; }

    public required double DecodeStepPerSequenceSeconds { get; init; }

    /// <summary>KV read per context token of every decoding sequence, every step (KV bytes per token ÷ HBM bandwidth).</summary>
    public double DecodeStepPerContextTokenSeconds { get; init; }

    /// <summary>Extra prefill cost per prompt token per earlier token it attends to, relative to the linear cost; 0 = linear.</summary>
    public double PrefillAttentionPerContextToken { get; init; }

    /// <summary>KV-cache capacity in tokens ("GPU KV cache size" in the vLLM start log).</summary>
    public required int KvCacheTokens { get; init; }

    /// <summary>vLLM <c>--block-size</c>: KV is allocated in blocks, so a sequence holds on average half a block more than its tokens.</summary>
    public int BlockSize { get; init; } = 16;

    /// <summary>vLLM <c>--max-num-seqs</c>.</summary>
    public required int MaxSequences { get; init; }

    /// <summary>vLLM <c>--max-num-batched-tokens</c>: the prefill chunk a step can carry.</summary>
    public int MaxBatchedTokens { get; init; } = 2048;

    /// <summary>The decode step time with <paramref name="running"/> sequences of mean context <paramref name="meanContextTokens"/>.</summary>
    public double DecodeStepSeconds(double running, double meanContextTokens) =>
        DecodeStepBaseSeconds + (running * (DecodeStepPerSequenceSeconds + (DecodeStepPerContextTokenSeconds * meanContextTokens)));

    /// <summary>Compute seconds of one prompt of <paramref name="tokens"/>, attention included (quadratic in length).</summary>
    public double PrefillSeconds(double tokens) =>
        PrefillSecondsPerToken * tokens * (1 + (PrefillAttentionPerContextToken * (tokens - 1) / 2));

    /// <summary>
    /// The profile with prompt tokens <paramref name="factor"/> times as costly: the online prefill correction learnt
    /// from the pods' TTFT (<c>PlannerStep</c>). Everything the model derives from prefill follows, the SLO's isolated
    /// TTFT reference included (it is defined on the same replica alone).
    /// </summary>
    public ReplicaServiceProfile WithPrefillCorrection(double factor) =>
        factor == 1 ? this : this with { PrefillSecondsPerToken = PrefillSecondsPerToken * factor };

    /// <summary>Null when valid, else the name of the first bad field (the config loader turns it into a field error).</summary>
    public string? Invalid() =>
        !(PrefillSecondsPerToken >= 0) ? nameof(PrefillSecondsPerToken)
        : !(DecodeStepBaseSeconds > 0) ? nameof(DecodeStepBaseSeconds)
        : !(DecodeStepPerSequenceSeconds >= 0) ? nameof(DecodeStepPerSequenceSeconds)
        : !(DecodeStepPerContextTokenSeconds >= 0) ? nameof(DecodeStepPerContextTokenSeconds)
        : !(PrefillAttentionPerContextToken >= 0) ? nameof(PrefillAttentionPerContextToken)
        : KvCacheTokens < 1 ? nameof(KvCacheTokens)
        : MaxSequences < 1 ? nameof(MaxSequences)
        : BlockSize < 1 ? nameof(BlockSize)
        : MaxBatchedTokens < MaxSequences ? nameof(MaxBatchedTokens)
        : null;
}
