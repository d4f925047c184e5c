namespace Autoscale.VllmEmulator.Model;

/// <summary>
/// What one vLLM replica (one pod, possibly several GPUs under tensor parallelism) can do. The step time of an
/// engine iteration is
/// <c>base + perDecodeSequence × decoding + kvRead × Σ decode contexts + perPrefillToken × (prefillTokens + attention × Σ prefill context)</c>:
/// a fixed cost of reading the weights once, a cost per running sequence, the KV cache each decoding sequence
/// reads (its whole context, every step), and the prompt tokens computed in the step, whose attention grows with
/// the context each token attends to (so an isolated prefill is quadratic in the prompt length).
/// </summary>
public sealed record ReplicaProfile
{
    public required string Name { get; init; }

    /// <summary>The served model name, which vLLM puts in the <c>model_name</c> label.</summary>
    public required string ModelName { get; init; }

    public required string Accelerator { get; init; }

    public required int GpuCount { get; init; }

    /// <summary>vLLM <c>--max-num-seqs</c>: the most requests in the running batch.</summary>
    public required int MaxNumSeqs { get; init; }

    /// <summary>vLLM <c>--max-num-batched-tokens</c>: the token budget of one step (chunked prefill).</summary>
    public required int MaxNumBatchedTokens { get; init; }

    /// <summary>KV-cache capacity in tokens ("GPU KV cache size: N tokens" in the vLLM start log).</summary>
    public required int KvCacheTokens { get; init; }

    /// <summary>vLLM <c>--block-size</c>; 16 is the CUDA default.</summary>
    public int BlockSize { get; init; } = 16;

    /// <summary>vLLM <c>--max-model-len</c>: longer requests are rejected, as vLLM answers 400.</summary>
    public required int MaxModelLen { get; init; }

    public required double StepBaseSeconds { get; init; }

    public required double StepPerDecodeSequenceSeconds { get; init; }

    public required double StepPerPrefillTokenSeconds { get; init; }

    /// <summary>
    /// Attention's share of prefill, as extra cost per prompt token per token of context it attends to, relative to
    /// the linear (weight) cost of a token: attention costs 4 × layers × hidden FLOPs per token pair against
    /// 2 × parameters per token. Zero means linear prefill.
    /// </summary>
    public double PrefillAttentionPerContextToken { get; init; }

    /// <summary>
    /// Seconds to read one token's KV (all layers) in a decode step: KV bytes per token ÷ the replica's HBM
    /// bandwidth. Every decoding sequence reads its whole context every step.
    /// </summary>
    public double DecodeKvReadSecondsPerContextToken { get; init; }

    /// <summary>vLLM V1 automatic prefix caching, on by default since V1 (<c>--enable-prefix-caching</c>).</summary>
    public bool EnablePrefixCaching { get; init; } = true;

    /// <summary>Published output throughput at saturation on a ShareGPT-like load (about 230 in, 200 out).</summary>
    public required ThroughputRange CitedSaturationOutputTokensPerSecond { get; init; }

    public int NumGpuBlocks => KvCacheTokens / BlockSize;

    /// <summary>The step time without context terms: decodes at zero context and prefill at the start of a prompt.</summary>
    public double StepSeconds(int decodeSequences, int prefillTokens) => StepSeconds(decodeSequences, 0, prefillTokens, 0);

    /// <summary>
    /// The step time. <paramref name="decodeContextTokens"/> is the KV length summed over decoding sequences;
    /// <paramref name="prefillContextPairs"/> is, summed over prompt tokens computed in the step, the number of
    /// earlier tokens each attends to (for a chunk of n tokens after c computed ones: n·c + n(n−1)/2).
    /// </summary>
    public double StepSeconds(int decodeSequences, long decodeContextTokens, int prefillTokens, double prefillContextPairs) =>
        StepBaseSeconds
        + (StepPerDecodeSequenceSeconds * decodeSequences)
        + (DecodeKvReadSecondsPerContextToken * decodeContextTokens)
        + (StepPerPrefillTokenSeconds * (prefillTokens + (PrefillAttentionPerContextToken * prefillContextPairs)));

    /// <summary>The attended-token pairs of a prefill chunk of <paramref name="tokens"/> after <paramref name="computed"/> tokens.</summary>
    public static double ContextPairs(int computed, int tokens) => ((double)tokens * computed) + (tokens * (tokens - 1.0) / 2.0);

    /// <summary>Throws when the profile could make the model stall or break its invariants.</summary>
    public void Validate()
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(GpuCount, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(MaxNumSeqs, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(BlockSize, 1);
        // Every decoding sequence takes one token of the step budget, so the budget must cover a full batch.
        ArgumentOutOfRangeException.ThrowIfLessThan(MaxNumBatchedTokens, MaxNumSeqs);
        // vLLM refuses to start when one max-length request cannot fit in the KV cache; so do we.
        ArgumentOutOfRangeException.ThrowIfGreaterThan(MaxModelLen, KvCacheTokens);
        ArgumentOutOfRangeException.ThrowIfLessThan(MaxModelLen, 2);
        if (!(StepBaseSeconds > 0) || StepPerDecodeSequenceSeconds < 0 || StepPerPrefillTokenSeconds < 0
            || PrefillAttentionPerContextToken < 0 || DecodeKvReadSecondsPerContextToken < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(StepBaseSeconds), "Step costs must be positive.");
        }
    }
}
