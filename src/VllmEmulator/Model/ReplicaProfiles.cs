using System.Diagnostics.CodeAnalysis;

namespace Autoscale.VllmEmulator.Model;

/// <summary>
/// Named replica profiles. Scheduler limits are vLLM's defaults for the OpenAI server; KV capacity follows from
/// the model shape and memory; step costs are calibrated so that saturated output throughput lands in the range
/// published for that model and GPU (checked by a test). Sources are given next to each figure.
/// </summary>
public static class ReplicaProfiles
{
    // vLLM defaults for `vllm serve` (UsageContext.OPENAI_API_SERVER), vllm-project/vllm vllm/engine/arg_utils.py
    // get_batch_defaults(): GPUs with ≥ 70 GiB that are not A100 get max_num_batched_tokens 8192 and max_num_seqs
    // 1024; other GPUs get 2048 and 256.
    private const int SmallGpuMaxNumSeqs = 256;
    private const int SmallGpuMaxBatchedTokens = 2048;
    private const int LargeGpuMaxNumSeqs = 1024;
    private const int LargeGpuMaxBatchedTokens = 8192;

    /// <summary>
    /// Llama-3.1-8B-Instruct, bf16, one A10G 24 GB (AWS g5).
    /// KV: Llama-3.1-8B stores 32 layers × 8 KV heads × 128 × 2 (K,V) × 2 B = 128 KiB per token. vllm#10517 (24 GB
    /// RTX 3090, same model, gpu_memory_utilization 0.9): weights 14.99 GB, kv_cache_size 3.81 GiB, 1952 blocks =
    /// 31,232 tokens. An A10G exposes about 1 GiB less (22.5 vs 23.6 GiB), so about 2.9 GiB = 24,000 tokens.
    /// max_model_len must then be lowered below the KV size (vLLM refuses to start otherwise): 16,384 covers the
    /// Azure traces (longest conv request 14,050 + 1,000).
    /// Step: weights 16 GB ÷ 600 GB/s ≈ 27 ms per iteration; vllm#4030 (g5, 6.7B, ShareGPT) median TPOT 30 ms.
    /// Per prompt token ≈ 2 × 8e9 FLOP at ~80 TFLOPS effective = 0.2 ms. Saturation range: vllm#4030 1,592 out
    /// tok/s (6.7B on one A10G); nm-vllm A10G nightly (Llama-2-7B, 256 in/128 out) 3.84 req/s ≈ 490 out tok/s.
    /// </summary>
    public static ReplicaProfile Llama31_8B_A10G { get; } = new()
    {
        Name = "llama-3.1-8b-a10g",
        ModelName = "meta-llama/Llama-3.1-8B-Instruct",
        Accelerator = "NVIDIA A10G",
        GpuCount = 1,
        MaxNumSeqs = SmallGpuMaxNumSeqs,
        MaxNumBatchedTokens = SmallGpuMaxBatchedTokens,
        KvCacheTokens = 24_000,
        MaxModelLen = 16_384,
        StepBaseSeconds = 0.028,
        StepPerDecodeSequenceSeconds = 0.00035,
        StepPerPrefillTokenSeconds = 0.0002,
        CitedSaturationOutputTokensPerSecond = new ThroughputRange(450, 1_600),
    };

    /// <summary>
    /// Llama-3.1-8B-Instruct, bf16, one H100 80 GB SXM.
    /// KV: 0.9 × 79.1 GiB − 15 GiB weights − ~4 GiB activations/graphs ≈ 52 GiB ÷ 128 KiB ≈ 426k tokens (26,624
    /// blocks); cross-check: the same model on an H100 NVL 94 GB reports 542,960 tokens (a published capacity table
    /// found with the code search).
    /// Step: weights 16 GB ÷ 3.35 TB/s ≈ 5 ms; vllm PR #31826 (TP2) reports TPOT 6.35 ms at concurrency 8.
    /// Saturation range: vllm PR #18566 `vllm bench serve` ShareGPT 1,000 prompts at rate inf: 6,583 out tok/s
    /// (mean ITL 38 ms); morphllm.com vLLM benchmarks page: ~12,500 tok/s (FlashInfer).
    /// </summary>
    public static ReplicaProfile Llama31_8B_H100 { get; } = new()
    {
        Name = "llama-3.1-8b-h100",
        ModelName = "meta-llama/Llama-3.1-8B-Instruct",
        Accelerator = "NVIDIA H100 80GB HBM3",
        GpuCount = 1,
        MaxNumSeqs = LargeGpuMaxNumSeqs,
        MaxNumBatchedTokens = LargeGpuMaxBatchedTokens,
        KvCacheTokens = 425_984,
        MaxModelLen = 131_072,
        StepBaseSeconds = 0.006,
        StepPerDecodeSequenceSeconds = 0.00006,
        StepPerPrefillTokenSeconds = 0.00003,
        CitedSaturationOutputTokensPerSecond = new ThroughputRange(6_000, 12_500),
    };

    /// <summary>
    /// Llama-3.1-70B-Instruct, bf16, four H100 80 GB with tensor parallelism 4.
    /// KV: 80 layers × 8 KV heads × 128 × 2 × 2 B = 320 KiB per token, split over 4 GPUs = 80 KiB per GPU; per GPU
    /// 0.9 × 79.1 GiB − 32.9 GiB weights (141 GB ÷ 4) − ~4 GiB ≈ 34 GiB ÷ 80 KiB ≈ 440k tokens (27,500 blocks).
    /// Step: weights 141 GB ÷ (4 × 3.35 TB/s) ≈ 10.5 ms plus all-reduce ≈ 14 ms.
    /// Saturation range: TensorRT-LLM 0.5.0 performance doc, LLaMA 70B TP4 H100 batch 64: 3,317 out tok/s
    /// (128/128, FP8) down to 1,583 (2048/2048); vllm#7567 ShareGPT 1,000 prompts: 1,519 out tok/s.
    /// </summary>
    public static ReplicaProfile Llama31_70B_H100_Tp4 { get; } = new()
    {
        Name = "llama-3.1-70b-h100-tp4",
        ModelName = "meta-llama/Llama-3.1-70B-Instruct",
        Accelerator = "NVIDIA H100 80GB HBM3",
        GpuCount = 4,
        MaxNumSeqs = LargeGpuMaxNumSeqs,
        MaxNumBatchedTokens = LargeGpuMaxBatchedTokens,
        KvCacheTokens = 440_000,
        MaxModelLen = 131_072,
        StepBaseSeconds = 0.014,
        StepPerDecodeSequenceSeconds = 0.00025,
        StepPerPrefillTokenSeconds = 0.0001,
        CitedSaturationOutputTokensPerSecond = new ThroughputRange(1_500, 3_300),
    };

    public static IReadOnlyList<ReplicaProfile> All { get; } = [Llama31_8B_A10G, Llama31_8B_H100, Llama31_70B_H100_Tp4];

    public static ReplicaProfile Get(string name) =>
        TryGet(name, out var profile)
            ? profile
            : throw new ArgumentException($"Unknown replica profile '{name}'.", nameof(name));

    public static bool TryGet(string name, [NotNullWhen(true)] out ReplicaProfile? profile)
    {
        foreach (var candidate in All)
        {
            if (string.Equals(candidate.Name, name, StringComparison.OrdinalIgnoreCase))
            {
                profile = candidate;
                return true;
            }
        }

        profile = null;
        return false;
    }
}
