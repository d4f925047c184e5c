namespace Autoscale.ScaleController.Watch.Demand;

/// <summary>
/// The pod metrics a planner-enabled workload's demand is read from (planner contract §3). The four rates are
/// required: without any of them there is no demand. The rest refine it (the capacity correction reads running
/// sequences and ITL) and are left out, not zeroed, when the adapter does not serve them for every pod.
/// </summary>
internal static class DemandSeries
{
    public const string Arrivals = "vllm_arrival_requests_per_second";
    public const string Completions = "vllm_requests_per_second";
    public const string PromptTokens = "vllm_prompt_tokens_per_second";
    public const string GenerationTokens = "vllm_generation_tokens_per_second";
    public const string Waiting = "vllm_queue_depth";
    public const string Running = "vllm_running_requests";
    public const string WaitingPromptTokens = "vllm_waiting_prompt_tokens";
    public const string KvCacheUsage = "vllm_kv_cache_usage";
    public const string TimeToFirstToken = "vllm_time_to_first_token_seconds";
    public const string InterTokenLatency = "vllm_inter_token_latency_seconds";
    public const string MeanPromptTokens = "vllm_mean_prompt_tokens";
    public const string MeanOutputTokens = "vllm_mean_output_tokens";
    public const string PromptTokensStandardDeviation = "vllm_stddev_prompt_tokens";
    public const string OutputTokensStandardDeviation = "vllm_stddev_output_tokens";

    public static IReadOnlyList<string> Required { get; } = [Arrivals, Completions, PromptTokens, GenerationTokens];

    public static IReadOnlyList<string> Optional { get; } = [Waiting, Running, WaitingPromptTokens, KvCacheUsage, TimeToFirstToken, InterTokenLatency, MeanPromptTokens, MeanOutputTokens,
        PromptTokensStandardDeviation, OutputTokensStandardDeviation];

    public static IReadOnlyList<string> All { get; } = [.. Required, .. Optional];
}
