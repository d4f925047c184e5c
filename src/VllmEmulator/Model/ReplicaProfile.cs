namespace Autoscale.VllmEmulator.Model;

/// <summary>
/// What one vLLM replica (one pod, possibly several GPUs under tensor parallelism) can do. The step time of an
/// engine iteration is <c>base + perDecodeSequence × decoding + perPrefillToken × prefillTokens</c>: a fixed cost of
/// reading the weights once, a cost per running sequence, and a cost per prompt token computed in the step.
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

    /// <summary>Published output throughput at saturation on a ShareGPT-like load (about 230 in, 200 out).</summary>
    public required ThroughputRange CitedSaturationOutputTokensPerSecond { get; init; }

    public int NumGpuBlocks => KvCacheTokens / BlockSize;

    public double StepSeconds(int decodeSequences, int prefillTokens) =>
        StepBaseSeconds + (StepPerDecodeSequenceSeconds * decodeSequences) + (StepPerPrefillTokenSeconds * prefillTokens);

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
        if (!(StepBaseSeconds > 0) || StepPerDecodeSequenceSeconds < 0 || StepPerPrefillTokenSeconds < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(StepBaseSeconds), "Step costs must be positive.");
        }
    }
}
