using System.Diagnostics.CodeAnalysis;

namespace Autoscale.VllmEmulator.Model;

/// <summary>
/// Named replica profiles. Scheduler limits are vLLM's defaults for the OpenAI server; KV capacity follows from
/// the model shape and memory; the context terms (attention in prefill, KV reads in decode) follow from the model
/// geometry and the GPU's memory bandwidth; the three fitted costs (base, per decoding sequence, per prompt token)
/// are calibrated so that a saturated `vllm bench serve` run on the published request shape lands within ±25 % of
/// the published figures in <c>bench/LoadTest/Profiles/reference-points.csv</c> (checked by a LoadTest test).
/// Sources are given next to each figure.
/// </summary>
public static class ReplicaProfiles
{
    // vLLM defaults for `vllm serve` (UsageContext.OPENAI_API_SERVER), vllm-project/vllm vllm/engine/arg_utils.py
    // get_batch_defaults(): GPUs with ≥ 70 GiB that are not A100 get max_num_batched_tokens 8192 and max_num_seqs
    // 1024; other GPUs get 2048 and 256.
    private const int SmallGpuMaxNumSeqs = 256;
    private const int SmallGpuMaxBatchedTokens = 2048;

    // The concurrency the published H100 runs show (see the profiles), not vLLM V1's current H100 default of 1024.
    private const int CalibratedMaxNumSeqs = SmallGpuMaxNumSeqs;
    private const int LargeGpuMaxBatchedTokens = 8192;

    // Attention per token pair over weights per token: 4 × layers × hidden ÷ (2 × parameters). Llama-3.1-8B: 32 layers,
    // hidden 4,096, 8.03 B parameters → 3.27e-5, so a 16k prompt costs +27 % and a 32k one +54 % over linear.
    // Llama-3.1-70B: 80 layers, hidden 8,192, 70.6 B parameters → 1.86e-5.
    private const double Llama8BAttentionPerContextToken = 4.0 * 32 * 4096 / (2 * 8.03e9);
    private const double Llama70BAttentionPerContextToken = 4.0 * 80 * 8192 / (2 * 70.6e9);

    // KV bytes per token, all layers, bf16: layers × 8 KV heads × 128 × 2 (K, V) × 2 B.
    private const double Llama8BKvBytesPerToken = 32 * 8 * 128 * 2 * 2;
    private const double Llama70BKvBytesPerToken = 80 * 8 * 128 * 2 * 2;

    // HBM bandwidth per GPU (NVIDIA data sheets): A10G 600 GB/s, H100 SXM 3.35 TB/s. 12k tokens of Llama-3.1-8B KV
    // on an H100: 12,000 × 128 KiB ÷ 3.35 TB/s ≈ 0.47 ms per decode step.
    private const double A10GHbmBytesPerSecond = 600e9;
    private const double H100HbmBytesPerSecond = 3.35e12;

    /// <summary>
    /// Llama-3.1-8B-Instruct, bf16, one A10G 24 GB (AWS g5).
    /// KV: Llama-3.1-8B stores 32 layers × 8 KV heads × 128 × 2 (K,V) × 2 B = 128 KiB per token. vllm#10517 (24 GB
    /// RTX 3090, same model, gpu_memory_utilization 0.9): weights 14.99 GB, kv_cache_size 3.81 GiB, 1952 blocks =
    /// 31,232 tokens. An A10G exposes about 1 GiB less (22.5 vs 23.6 GiB), so about 2.9 GiB = 24,000 tokens.
    /// max_model_len must then be lowered below the KV size (vLLM refuses to start otherwise): 16,384 covers the
    /// Azure traces (longest conv request 14,050 + 1,000).
    /// Step: weights 16 GB ÷ 600 GB/s ≈ 27 ms per iteration; vllm#4030 (g5, 6.7B, ShareGPT) median TPOT 30 ms
    /// (the idle-ITL reference point). No saturated single-A10G `vllm bench serve` result was found; the one
    /// published A10G run is a TP=2 pair (arc53/llm-price-compass#6: Llama-3-8B, ShareGPT 215 in / 43 out, 10.24
    /// req/s, only 2,204 prompt tok/s for two GPUs), which a single A10G must stay below. Per prompt token 0.4 ms
    /// (≈ 2.5k prompt tok/s, 40 GFLOPS-effective of the A10G's 125 dense) puts one A10G at ~8 req/s on that shape,
    /// 78 % of the pair; the model is not calibrated closer than that bound and the idle ITL.
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
        StepPerPrefillTokenSeconds = 0.0004,
        PrefillAttentionPerContextToken = Llama8BAttentionPerContextToken,
        DecodeKvReadSecondsPerContextToken = Llama8BKvBytesPerToken / A10GHbmBytesPerSecond,
        // nm-vllm A10G nightly (Llama-2-7B, 256 in / 128 out) 3.84 req/s ≈ 490 out tok/s; vllm#4030 1,592 (6.7B).
        CitedSaturationOutputTokensPerSecond = new ThroughputRange(450, 1_600),
    };

    /// <summary>
    /// Llama-3.1-8B-Instruct, bf16, one H100 80 GB SXM.
    /// KV: 0.9 × 79.1 GiB − 15 GiB weights − ~4 GiB activations/graphs ≈ 52 GiB ÷ 128 KiB ≈ 426k tokens (26,624
    /// blocks); cross-check: the same model on an H100 NVL 94 GB reports 542,960 tokens (a published capacity table
    /// found with the code search).
    /// Step: weights 16 GB ÷ 3.35 TB/s ≈ 5 ms; vllm PR #31826 (TP2) reports TPOT 6.35 ms at concurrency 8.
    /// Calibrated on vllm PR #18566, `vllm bench serve` ShareGPT (229.7 in / 203.1 out), 1,000 prompts at rate inf:
    /// 32.42 req/s, 6,583 out tok/s, mean ITL 38.1 ms, mean TTFT 9.6 s. Max_num_seqs is 256, not the 1,024 that
    /// vLLM V1 defaults to on an H100 (PR #12369, kept by #16158): that run's TTFT (mean 9.6 s, median 9.5 s, with
    /// 1,000 requests sent at once) and ITL are those of ~256 requests in flight, and the model reproduces all four
    /// figures at 256 (9.5 s TTFT) but not at 1,024 (TTFT ~3 s, ITL ~60 ms). The run's log names neither the GPU
    /// nor the flags, so the concurrency is inferred; a deployment on 1,024 holds more requests at a higher ITL.
    /// </summary>
    public static ReplicaProfile Llama31_8B_H100 { get; } = new()
    {
        Name = "llama-3.1-8b-h100",
        ModelName = "meta-llama/Llama-3.1-8B-Instruct",
        Accelerator = "NVIDIA H100 80GB HBM3",
        GpuCount = 1,
        MaxNumSeqs = CalibratedMaxNumSeqs,
        MaxNumBatchedTokens = LargeGpuMaxBatchedTokens,
        KvCacheTokens = 425_984,
        MaxModelLen = 131_072,
        StepBaseSeconds = 0.006,
        StepPerDecodeSequenceSeconds = 0.000065,
        StepPerPrefillTokenSeconds = 0.00003,
        PrefillAttentionPerContextToken = Llama8BAttentionPerContextToken,
        DecodeKvReadSecondsPerContextToken = Llama8BKvBytesPerToken / H100HbmBytesPerSecond,
        // vllm PR #18566's 6,583 out tok/s ± 25 %.
        CitedSaturationOutputTokensPerSecond = new ThroughputRange(4_937, 8_229),
    };

    /// <summary>
    /// Llama-3.1-70B-Instruct, bf16, four H100 80 GB with tensor parallelism 4.
    /// KV: 80 layers × 8 KV heads × 128 × 2 × 2 B = 320 KiB per token, split over 4 GPUs = 80 KiB per GPU; per GPU
    /// 0.9 × 79.1 GiB − 32.9 GiB weights (141 GB ÷ 4) − ~4 GiB ≈ 34 GiB ÷ 80 KiB ≈ 440k tokens (27,500 blocks).
    /// Step: weights 141 GB ÷ (4 × 3.35 TB/s) ≈ 10.5 ms plus all-reduce ≈ 14 ms.
    /// Calibrated on vllm#7567 (benchmark_serving.py, ShareGPT 215.2 in / 178.8 out, 1,000 prompts at rate inf, vLLM
    /// 0.5 whose default max_num_seqs was 256): 8.50 req/s, 1,519 out tok/s, mean TPOT 131.6 ms (the excerpt ends
    /// before the ITL). TensorRT-LLM 0.5.0's performance doc (LLaMA 70B TP4 H100, FP8) is higher, 1,583–3,317 out
    /// tok/s, and not vLLM.
    /// </summary>
    public static ReplicaProfile Llama31_70B_H100_Tp4 { get; } = new()
    {
        Name = "llama-3.1-70b-h100-tp4",
        ModelName = "meta-llama/Llama-3.1-70B-Instruct",
        Accelerator = "NVIDIA H100 80GB HBM3",
        GpuCount = 4,
        MaxNumSeqs = CalibratedMaxNumSeqs,
        MaxNumBatchedTokens = LargeGpuMaxBatchedTokens,
        KvCacheTokens = 440_000,
        MaxModelLen = 131_072,
        StepBaseSeconds = 0.014,
        StepPerDecodeSequenceSeconds = 0.0004,
        StepPerPrefillTokenSeconds = 0.0001,
        PrefillAttentionPerContextToken = Llama70BAttentionPerContextToken,
        DecodeKvReadSecondsPerContextToken = Llama70BKvBytesPerToken / (4 * H100HbmBytesPerSecond),
        // vllm#7567's 1,519 out tok/s ± 25 %.
        CitedSaturationOutputTokensPerSecond = new ThroughputRange(1_139, 1_899),
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
