namespace Autoscale.ScaleController.Decide.Observed;

/// <summary>
/// A workload's demand as the adapter serves it (planner contract §1), summed over the pods that report (ready
/// pods: the adapter leaves loading ones out), with the samples' own time (the oldest of those read, so staleness
/// is judged on the least fresh input) and the rate window. Means (ITL, TTFT, KV usage) are weighted by what they
/// average over: ITL by generation tokens, TTFT by completions, KV usage per pod. Optional series are null when the
/// adapter serves none of them.
/// </summary>
/// <param name="Pods">Pods that reported the required series.</param>
/// <param name="ArrivalRequestsPerSecond"><c>vllm_arrival_requests_per_second</c>: completions plus the change in waiting + running.</param>
/// <param name="CompletedRequestsPerSecond"><c>vllm_requests_per_second</c>.</param>
public sealed record WorkloadDemand(
    DateTimeOffset ObservedAt,
    int Pods,
    double ArrivalRequestsPerSecond,
    double CompletedRequestsPerSecond,
    double PromptTokensPerSecond,
    double GenerationTokensPerSecond,
    double? Waiting = null,
    double? Running = null,
    double? WaitingPromptTokens = null,
    double? KvCacheUsage = null,
    double? InterTokenLatencySeconds = null,
    double? TimeToFirstTokenSeconds = null,
    double WindowSeconds = 0)
{
    /// <summary><c>vllm_mean_prompt_tokens</c> averaged over the pods: prompt tokens per request over the adapter's latency window.</summary>
    public double? WindowMeanPromptTokens { get; init; }

    /// <summary><c>vllm_mean_output_tokens</c> averaged over the pods.</summary>
    public double? WindowMeanOutputTokens { get; init; }

    /// <summary>
    /// <c>vllm_stddev_prompt_tokens</c> pooled over the pods: the spread of prompt lengths over the adapter's latency
    /// window; null when no pod serves it (a page without vLLM's length histograms).
    /// </summary>
    public double? WindowPromptTokensStandardDeviation { get; init; }

    /// <summary><c>vllm_stddev_output_tokens</c> pooled over the pods.</summary>
    public double? WindowOutputTokensStandardDeviation { get; init; }

    /// <summary>Mean prompt tokens per request over the rate window; null when nothing completed.</summary>
    public double? MeanPromptTokens => CompletedRequestsPerSecond > 0 && PromptTokensPerSecond > 0 ? PromptTokensPerSecond / CompletedRequestsPerSecond : null;

    /// <summary>Mean generated tokens per request over the rate window; null when nothing completed.</summary>
    public double? MeanOutputTokens => CompletedRequestsPerSecond > 0 && GenerationTokensPerSecond > 0 ? GenerationTokensPerSecond / CompletedRequestsPerSecond : null;
}
