namespace Autoscale.VllmEmulator.Exposition;

/// <summary>Which vLLM engine's metric names and labels to emit.</summary>
public enum VllmDialect
{
    /// <summary>V1 engine (default since vLLM 0.8): <c>engine</c> label, <c>vllm:kv_cache_usage_perc</c>.</summary>
    V1,

    /// <summary>V0 engine (removed in 0.11): no <c>engine</c> label, <c>vllm:gpu_cache_usage_perc</c>, TTFT buckets to 10 s.</summary>
    V0,
}
