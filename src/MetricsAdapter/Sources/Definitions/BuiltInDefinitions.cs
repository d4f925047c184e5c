namespace Autoscale.MetricsAdapter.Sources.Definitions;

/// <summary>
/// The built-in catalog. Source names per server from ../shared/reference/llm-autoscalers.md §1–2: vLLM V1 labels every
/// series with <c>engine</c> (summed or maxed per pod here) and <c>model_name</c> (kept, so <c>metricLabelSelector</c>
/// can pick a model).
/// </summary>
internal static class BuiltInDefinitions
{
    /// <summary>1 while a pod's engine sleeps (vLLM sleep mode: weights offloaded or discarded). Such a pod is not capacity.</summary>
    public const string EngineAsleep = "vllm_engine_asleep";

    public static IReadOnlyList<MetricDefinition> All { get; } =
    [
        new(EngineAsleep, MetricKind.Gauge, Aggregation.Max, Aggregation.Sum,
            ["vllm:engine_sleep_state"],
            "1 while the engine sleeps (sleep mode); such a pod is omitted from other metrics like a loading pod. Summed per object: pods asleep.")
        {
            SkipSourceLabel = ("sleep_state", "awake"),
        },
        new("vllm_queue_depth", MetricKind.Gauge, Aggregation.Sum, Aggregation.Sum,
            ["vllm:num_requests_waiting", "sglang:num_queue_reqs", "trtllm_num_requests_waiting", "tgi_queue_size"],
            "Requests waiting for admission (the queue an HPA should keep short)."),
        new("vllm_running_requests", MetricKind.Gauge, Aggregation.Sum, Aggregation.Sum,
            ["vllm:num_requests_running", "sglang:num_running_reqs", "tgi_batch_current_size"],
            "Requests in the running batch."),
        new("vllm_kv_cache_usage", MetricKind.Gauge, Aggregation.Max, Aggregation.Mean,
            ["vllm:kv_cache_usage_perc", "vllm:gpu_cache_usage_perc", "sglang:token_usage", "trtllm_kv_cache_utilization"],
            "KV-cache usage, 0..1 (max over engines of a pod, mean over pods of an object)."),
        new("vllm_requests_per_second", MetricKind.Rate, Aggregation.Sum, Aggregation.Sum,
            ["vllm:request_success_total"],
            "Finished requests per second."),
        new("vllm_generation_tokens_per_second", MetricKind.Rate, Aggregation.Sum, Aggregation.Sum,
            ["vllm:generation_tokens_total"],
            "Generated tokens per second."),
        new("vllm_prompt_tokens_per_second", MetricKind.Rate, Aggregation.Sum, Aggregation.Sum,
            ["vllm:prompt_tokens_total"],
            "Prefill tokens per second."),
        new("vllm_time_to_first_token_p95_seconds", MetricKind.Gauge, Aggregation.Max, Aggregation.Mean,
            ["vllm:time_to_first_token_seconds"],
            "95th percentile time to first token over the last histogram window (default 60 s), seconds; omitted when no request finished prefill in it.")
        {
            SourceQuantile = 0.95,
        },
        // Demand for the planner (planner contract §3), derived at ingest from counter and histogram deltas.
        Derived("vllm_arrival_requests_per_second", Aggregation.Sum, DerivedFormula.ArrivalRate,
            "Requests arriving per second: finished requests plus the change in waiting + running, over scrape.arrivalWindow (default 30 s; over the pod's life until it is that old).",
            new MetricInput(InputKind.Counter, ["vllm:request_success_total"]),
            new MetricInput(InputKind.Gauge, ["vllm:num_requests_waiting"]),
            new MetricInput(InputKind.Gauge, ["vllm:num_requests_running"])),
        Derived("vllm_waiting_prompt_tokens", Aggregation.Sum, DerivedFormula.WaitingPromptTokens,
            "Prompt tokens waiting: waiting requests × the mean prompt length of the requests that finished in the histogram window (vLLM exposes no per-waiting-request length); 0 when nothing waits.",
            new MetricInput(InputKind.Gauge, ["vllm:num_requests_waiting"]),
            new MetricInput(InputKind.HistogramSumCount, ["vllm:request_prompt_tokens"])),
        Derived("vllm_mean_prompt_tokens", Aggregation.Mean, DerivedFormula.TokensPerRequest,
            "Mean prompt tokens per request over the histogram window (default 60 s): increase of prompt tokens ÷ increase of finished requests; omitted when none finished in it.",
            new MetricInput(InputKind.Counter, ["vllm:prompt_tokens_total"]),
            new MetricInput(InputKind.Counter, ["vllm:request_success_total"])),
        Derived("vllm_mean_output_tokens", Aggregation.Mean, DerivedFormula.TokensPerRequest,
            "Mean generated tokens per request over the histogram window (default 60 s): increase of generation tokens ÷ increase of finished requests; omitted when none finished in it.",
            new MetricInput(InputKind.Counter, ["vllm:generation_tokens_total"]),
            new MetricInput(InputKind.Counter, ["vllm:request_success_total"])),
        Derived("vllm_stddev_prompt_tokens", Aggregation.Mean, DerivedFormula.WindowStandardDeviation,
            "Standard deviation of prompt tokens per request over the histogram window (default 60 s), each request at the midpoint of its vLLM 1-2-5 bucket; omitted when none finished in it. Mean over the pods of an object.",
            new MetricInput(InputKind.HistogramBuckets, ["vllm:request_prompt_tokens"])),
        Derived("vllm_stddev_output_tokens", Aggregation.Mean, DerivedFormula.WindowStandardDeviation,
            "Standard deviation of generated tokens per request over the histogram window (default 60 s), each request at the midpoint of its vLLM 1-2-5 bucket; omitted when none finished in it. Mean over the pods of an object.",
            new MetricInput(InputKind.HistogramBuckets, ["vllm:request_generation_tokens"])),
        Derived("vllm_time_to_first_token_seconds", Aggregation.Mean, DerivedFormula.WindowMean,
            "Mean time to first token over the histogram window (default 60 s), seconds; omitted when no request finished prefill in it.",
            new MetricInput(InputKind.HistogramSumCount, ["vllm:time_to_first_token_seconds"])),
        Derived("vllm_inter_token_latency_seconds", Aggregation.Mean, DerivedFormula.WindowMean,
            "Mean inter-token latency over the histogram window (default 60 s), seconds; omitted when no token was generated in it.",
            new MetricInput(InputKind.HistogramSumCount, ["vllm:inter_token_latency_seconds", "vllm:time_per_output_token_seconds"])),
        new("gpu_utilization", MetricKind.Gauge, Aggregation.Mean, Aggregation.Mean,
            ["DCGM_FI_DEV_GPU_UTIL"],
            "GPU utilisation, 0..100, mean over the pod's GPUs."),
        new("gpu_engine_active", MetricKind.Gauge, Aggregation.Mean, Aggregation.Mean,
            ["DCGM_FI_PROF_GR_ENGINE_ACTIVE"],
            "Graphics engine active ratio, 0..1, mean over the pod's GPUs."),
        new("gpu_memory_used_bytes", MetricKind.Gauge, Aggregation.Sum, Aggregation.Sum,
            ["DCGM_FI_DEV_FB_USED"],
            "GPU framebuffer memory used, bytes, summed over the pod's GPUs.")
        {
            SourceScale = 1024 * 1024,
        },
    ];

    /// <summary>A metric derived at ingest, served as a gauge; per pod its models' values combine as the object's do.</summary>
    private static MetricDefinition Derived(string name, Aggregation aggregation, DerivedFormula formula, string description, params MetricInput[] inputs) =>
        new(name, MetricKind.Gauge, aggregation, aggregation, [.. inputs.SelectMany(i => i.SourceSeries).Distinct()], description)
        {
            Formula = formula,
            Inputs = inputs,
        };
}
