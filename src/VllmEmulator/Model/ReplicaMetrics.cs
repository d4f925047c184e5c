namespace Autoscale.VllmEmulator.Model;

/// <summary>A replica's gauges and counters at one model time: what its <c>/metrics</c> page reports.</summary>
public sealed record ReplicaMetrics
{
    public required double AtSeconds { get; init; }

    public required int Waiting { get; init; }

    public required int Running { get; init; }

    /// <summary>Used KV blocks over all blocks, 0..1 (vLLM: <c>1 − free/total</c>).</summary>
    public required double KvCacheUsage { get; init; }

    public required long PromptTokens { get; init; }

    public required long GenerationTokens { get; init; }

    public required long RequestSuccess { get; init; }

    public required long Preemptions { get; init; }

    public required HistogramSnapshot TimeToFirstToken { get; init; }

    /// <summary>Inter-token latency: each decode step's duration, once per sequence that got a token from it.</summary>
    public HistogramSnapshot? InterTokenLatency { get; init; }

    /// <summary>
    /// vllm:request_prompt_tokens: each finished request's prompt length, once, on
    /// <see cref="VllmBuckets.RequestTokens"/> of the replica's max model length.
    /// </summary>
    public HistogramSnapshot? RequestPromptTokens { get; init; }

    /// <summary>vllm:request_generation_tokens: each finished request's generated tokens, once, on the same bounds.</summary>
    public HistogramSnapshot? RequestGenerationTokens { get; init; }

    public required int NumGpuBlocks { get; init; }

    public required int BlockSize { get; init; }

    /// <summary>vllm:prefix_cache_queries (V1): prompt tokens looked up in the prefix cache.</summary>
    public long PrefixCacheQueries { get; init; }

    /// <summary>vllm:prefix_cache_hits (V1): prompt tokens found in the prefix cache.</summary>
    public long PrefixCacheHits { get; init; }
}
