using Autoscale.MetricsAdapter.Sources.Scrape.Mapping;

namespace Autoscale.LoadTest.Metrics;

/// <summary>
/// One pod's demand metrics as the adapter serves them (planner contract §3): rates from counter deltas over the rate
/// window, TTFT and ITL means from histogram _sum/_count deltas over the latency window (null when it holds no
/// observation: never a zero), and the gauges of the last scrape.
/// </summary>
/// <param name="At">The last scrape's time: the values' timestamp.</param>
/// <param name="ArrivalRequestsPerSecond"><c>vllm_arrival_requests_per_second</c>: completions plus the change in waiting + running, per second, at least 0.</param>
/// <param name="WaitingPromptTokens"><c>vllm_waiting_prompt_tokens</c>: waiting × the latency window's mean prompt tokens per finished request (0 when nothing waits).</param>
internal sealed record PodDemand(
    string PodName,
    double At,
    double WindowSeconds,
    double CompletedRequestsPerSecond,
    double ArrivalRequestsPerSecond,
    double PromptTokensPerSecond,
    double GenerationTokensPerSecond,
    int Waiting,
    int Running,
    double KvUsage,
    double? WaitingPromptTokens,
    double? TimeToFirstTokenSeconds,
    double? InterTokenLatencySeconds)
{
    /// <summary><c>vllm_mean_prompt_tokens</c>: prompt tokens ÷ finished requests over the latency window; null when none finished.</summary>
    public double? MeanPromptTokens { get; init; }

    /// <summary><c>vllm_mean_output_tokens</c>: generated tokens ÷ finished requests over the latency window.</summary>
    public double? MeanOutputTokens { get; init; }

    /// <summary><c>vllm_stddev_prompt_tokens</c>: the bucket midpoints' standard deviation over the latency window.</summary>
    public double? StdDevPromptTokens { get; init; }

    /// <summary><c>vllm_stddev_output_tokens</c>.</summary>
    public double? StdDevOutputTokens { get; init; }

    /// <summary>
    /// The pod's metrics at its <paramref name="last"/> scrape, rates since <paramref name="previous"/>, arrivals since
    /// <paramref name="arrivalBase"/> (default: <paramref name="previous"/>) and means since <paramref name="latencyBase"/>
    /// (null: that window is not full yet, no means); null when the rate window is empty.
    /// </summary>
    public static PodDemand? Between(VllmSample previous, VllmSample last, VllmSample? arrivalBase = null, VllmSample? latencyBase = null)
    {
        var seconds = last.At - previous.At;
        if (!(seconds > 0))
        {
            return null;
        }

        var (a, b) = (previous.Counters, last.Counters);
        var completed = (b.Completed - a.Completed) / seconds;
        var prompt = (b.PromptTokens - a.PromptTokens) / seconds;
        var from = arrivalBase is { } early && early.At < last.At ? early : previous;
        var arrivalSeconds = last.At - from.At;
        var arrival = Math.Max(0, ((b.Completed - from.Counters.Completed) + (last.Waiting + last.Running - from.Waiting - from.Running)) / arrivalSeconds);
        var l = (latencyBase ?? previous).Counters;
        var finished = latencyBase is null ? 0 : b.Completed - l.Completed;
        var ttftCount = latencyBase is null ? 0 : b.TtftCount - l.TtftCount;
        var itlCount = latencyBase is null ? 0 : b.ItlCount - l.ItlCount;
        return new PodDemand(
            last.PodName,
            last.At,
            seconds,
            completed,
            arrival,
            prompt,
            (b.GenerationTokens - a.GenerationTokens) / seconds,
            last.Waiting,
            last.Running,
            last.KvUsage,
            last.Waiting == 0 ? 0 : finished > 0 ? last.Waiting * ((double)(b.PromptTokens - l.PromptTokens) / finished) : null,
            ttftCount > 0 ? (b.TtftSumSeconds - l.TtftSumSeconds) / ttftCount : null,
            itlCount > 0 ? (b.ItlSumSeconds - l.ItlSumSeconds) / itlCount : null)
        {
            MeanPromptTokens = finished > 0 ? (double)(b.PromptTokens - l.PromptTokens) / finished : null,
            MeanOutputTokens = finished > 0 ? (double)(b.GenerationTokens - l.GenerationTokens) / finished : null,
            StdDevPromptTokens = finished > 0 ? HistogramMoments.StandardDeviation(finished, b.PromptMidpoints - l.PromptMidpoints, b.PromptMidpointSquares - l.PromptMidpointSquares) : null,
            StdDevOutputTokens = finished > 0 ? HistogramMoments.StandardDeviation(finished, b.OutputMidpoints - l.OutputMidpoints, b.OutputMidpointSquares - l.OutputMidpointSquares) : null,
        };
    }
}
