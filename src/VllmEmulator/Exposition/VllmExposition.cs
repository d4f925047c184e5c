using System.Text;
using Autoscale.VllmEmulator.Model;

namespace Autoscale.VllmEmulator.Exposition;

/// <summary>
/// Writes a replica's state as a vLLM <c>/metrics</c> page in Prometheus text format 0.0.4: the names, HELP strings,
/// label order (alphabetical: engine, finished_reason, le, model_name) and number format of the real server
/// (vllm/v1/metrics/loggers.py for V1, vllm/engine/metrics.py for V0).
/// </summary>
public static class VllmExposition
{
    public const string ContentType = "text/plain; version=0.0.4; charset=utf-8";

    /// <summary>vLLM's finish reasons; every one is pre-created at 0, only "stop" moves here.</summary>
    private static readonly string[] FinishReasons = ["stop", "length", "abort"];

    public static string Format(ReplicaMetrics metrics, ExpositionOptions options, bool sleeping = false)
    {
        var builder = new StringBuilder(4096);
        Write(builder, metrics, options, sleeping);
        return builder.ToString();
    }

    public static void Write(StringBuilder page, ReplicaMetrics metrics, ExpositionOptions options, bool sleeping = false)
    {
        ArgumentNullException.ThrowIfNull(page);
        ArgumentNullException.ThrowIfNull(metrics);
        ArgumentNullException.ThrowIfNull(options);
        var v1 = options.Dialect == VllmDialect.V1;
        var labels = new Labels(options);

        Family(page, "vllm:num_requests_running", "gauge",
            v1 ? "Number of requests in model execution batches." : "Number of requests currently running on GPU.");
        Sample(page, "vllm:num_requests_running", labels.Plain, metrics.Running);

        if (!v1)
        {
            Family(page, "vllm:num_requests_swapped", "gauge", "Number of requests swapped to CPU.");
            Sample(page, "vllm:num_requests_swapped", labels.Plain, 0);
        }

        Family(page, "vllm:num_requests_waiting", "gauge", "Number of requests waiting to be processed.");
        Sample(page, "vllm:num_requests_waiting", labels.Plain, metrics.Waiting);

        if (v1)
        {
            Family(page, "vllm:kv_cache_usage_perc", "gauge", "KV-cache usage. 1 means 100 percent usage.");
            Sample(page, "vllm:kv_cache_usage_perc", labels.Plain, metrics.KvCacheUsage);
        }
        else
        {
            Family(page, "vllm:gpu_cache_usage_perc", "gauge", "GPU KV-cache usage. 1 means 100 percent usage.");
            Sample(page, "vllm:gpu_cache_usage_perc", labels.Plain, metrics.KvCacheUsage);
        }

        Counter(page, "vllm:num_preemptions", "Cumulative number of preemption from the engine.", labels, metrics.Preemptions, options);
        Counter(page, "vllm:prompt_tokens", "Number of prefill tokens processed.", labels, metrics.PromptTokens, options);
        Counter(page, "vllm:generation_tokens", "Number of generation tokens processed.", labels, metrics.GenerationTokens, options);
        if (v1)
        {
            // V1 counts prefix-cache lookups and hits in tokens (vllm/v1/metrics/loggers.py); V0 had a hit-rate gauge.
            Counter(page, "vllm:prefix_cache_queries", "Prefix cache queries, in terms of number of queried tokens.", labels, metrics.PrefixCacheQueries, options);
            Counter(page, "vllm:prefix_cache_hits", "Prefix cache hits, in terms of number of cached tokens.", labels, metrics.PrefixCacheHits, options);
        }

        Family(page, "vllm:request_success_total", "counter", "Count of successfully processed requests.");
        foreach (var reason in FinishReasons)
        {
            Sample(page, "vllm:request_success_total", labels.WithFinishedReason(reason),
                reason == "stop" ? metrics.RequestSuccess : 0);
        }

        // Same HELP text in V1 (vllm/v1/metrics/loggers.py) and V0 (vllm/engine/metrics.py), as their counters use.
        if (metrics.RequestPromptTokens is { } prompt)
        {
            RequestTokens(page, "vllm:request_prompt_tokens", "Number of prefill tokens processed.", prompt, labels);
        }

        if (metrics.RequestGenerationTokens is { } generation)
        {
            RequestTokens(page, "vllm:request_generation_tokens", "Number of generation tokens processed.", generation, labels);
        }

        TimeToFirstToken(page, metrics.TimeToFirstToken, labels, v1);
        if (metrics.InterTokenLatency is { } itl)
        {
            InterTokenLatency(page, itl, labels, v1);
        }

        if (v1 && options.IncludeSleepState)
        {
            // The label values are vLLM's (awake, weights_offloaded, discard_all); the HELP text is ours.
            Family(page, "vllm:engine_sleep_state", "gauge", "Engine sleep state, one series per state.");
            Sample(page, "vllm:engine_sleep_state", labels.WithSleepState("awake"), sleeping ? 0 : 1);
            Sample(page, "vllm:engine_sleep_state", labels.WithSleepState("discard_all"), 0);
            Sample(page, "vllm:engine_sleep_state", labels.WithSleepState("weights_offloaded"), sleeping ? 1 : 0);
        }

        Family(page, "vllm:cache_config_info", "gauge", "Information of the LLMEngine CacheConfig");
        var info = $"{{block_size=\"{metrics.BlockSize}\",cache_dtype=\"auto\",enable_prefix_caching=\"True\"," +
            (v1 ? $"engine=\"{options.Engine}\"," : string.Empty) +
            $"gpu_memory_utilization=\"0.9\",num_gpu_blocks=\"{metrics.NumGpuBlocks}\"}}";
        Sample(page, "vllm:cache_config_info", info, 1);
    }

    private static void TimeToFirstToken(StringBuilder page, HistogramSnapshot histogram, Labels labels, bool v1)
    {
        const string name = "vllm:time_to_first_token_seconds";
        Family(page, name, "histogram", "Histogram of time to first token in seconds.");
        var bounds = v1 ? VllmBuckets.TimeToFirstTokenSeconds : VllmBuckets.TimeToFirstTokenSecondsV0;
        foreach (var bound in bounds)
        {
            Sample(page, name + "_bucket", labels.WithLe(PromFloat.Format(bound)), histogram.CountAtOrBelow(bound));
        }

        Sample(page, name + "_bucket", labels.WithLe("+Inf"), histogram.Count);
        Sample(page, name + "_count", labels.Plain, histogram.Count);
        Sample(page, name + "_sum", labels.Plain, histogram.Sum);
    }

    private static void InterTokenLatency(StringBuilder page, HistogramSnapshot histogram, Labels labels, bool v1)
    {
        var name = v1 ? "vllm:inter_token_latency_seconds" : "vllm:time_per_output_token_seconds";
        Family(page, name, "histogram", v1 ? "Histogram of inter-token latency in seconds." : "Histogram of time per output token in seconds.");
        foreach (var bound in v1 ? VllmBuckets.InterTokenLatencySeconds : VllmBuckets.InterTokenLatencySecondsV0)
        {
            Sample(page, name + "_bucket", labels.WithLe(PromFloat.Format(bound)), histogram.CountAtOrBelow(bound));
        }

        Sample(page, name + "_bucket", labels.WithLe("+Inf"), histogram.Count);
        Sample(page, name + "_count", labels.Plain, histogram.Count);
        Sample(page, name + "_sum", labels.Plain, histogram.Sum);
    }

    /// <summary>A per-request token-count histogram; its bounds (build_1_2_5_buckets(max_model_len)) are the snapshot's.</summary>
    private static void RequestTokens(StringBuilder page, string name, string help, HistogramSnapshot histogram, Labels labels)
    {
        Family(page, name, "histogram", help);
        for (var i = 0; i < histogram.UpperBounds.Count; i++)
        {
            Sample(page, name + "_bucket", labels.WithLe(PromFloat.Format(histogram.UpperBounds[i])), histogram.CumulativeCounts[i]);
        }

        Sample(page, name + "_bucket", labels.WithLe("+Inf"), histogram.Count);
        Sample(page, name + "_count", labels.Plain, histogram.Count);
        Sample(page, name + "_sum", labels.Plain, histogram.Sum);
    }

    private static void Counter(
        StringBuilder page, string baseName, string help, Labels labels, double value, ExpositionOptions options)
    {
        // prometheus_client appends _total to counters, also in HELP/TYPE, and adds a _created gauge family.
        Family(page, baseName + "_total", "counter", help);
        Sample(page, baseName + "_total", labels.Plain, value);
        if (options.IncludeCreated)
        {
            Family(page, baseName + "_created", "gauge", help);
            Sample(page, baseName + "_created", labels.Plain, options.CreatedUnixSeconds);
        }
    }

    private static void Family(StringBuilder page, string name, string type, string help) =>
        page.Append("# HELP ").Append(name).Append(' ').Append(help).Append('\n')
            .Append("# TYPE ").Append(name).Append(' ').Append(type).Append('\n');

    private static void Sample(StringBuilder page, string name, string labels, double value) =>
        page.Append(name).Append(labels).Append(' ').Append(PromFloat.Format(value)).Append('\n');
}
