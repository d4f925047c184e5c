namespace Autoscale.LoadTest.Replicas;

/// <summary>
/// A replica's counters and histogram sums as its <c>/metrics</c> page has them at one instant: what the adapter's
/// rate and mean metrics are computed from (deltas between two scrapes).
/// </summary>
/// <param name="Completed"><c>vllm:request_success_total</c>.</param>
/// <param name="PromptTokens"><c>vllm:prompt_tokens_total</c>.</param>
/// <param name="GenerationTokens"><c>vllm:generation_tokens_total</c>.</param>
/// <param name="TtftSumSeconds"><c>vllm:time_to_first_token_seconds_sum</c> (with <paramref name="TtftCount"/> its <c>_count</c>).</param>
/// <param name="ItlSumSeconds"><c>vllm:inter_token_latency_seconds_sum</c> (with <paramref name="ItlCount"/> its <c>_count</c>).</param>
/// <param name="PromptMidpoints">
/// Σ over finished requests of the midpoint of the <c>vllm:request_prompt_tokens</c> bucket each fell in, and
/// <paramref name="PromptMidpointSquares"/> the Σ of its square: the totals the adapter's <c>HistogramMoments</c> reads off
/// the buckets, which are linear in them (so a delta over a window is the same either way).
/// </param>
/// <param name="OutputMidpoints">The same for <c>vllm:request_generation_tokens</c>.</param>
internal readonly record struct ReplicaCounters(
    long Completed,
    long PromptTokens,
    long GenerationTokens,
    double TtftSumSeconds,
    long TtftCount,
    double ItlSumSeconds,
    long ItlCount,
    double PromptMidpoints = 0,
    double PromptMidpointSquares = 0,
    double OutputMidpoints = 0,
    double OutputMidpointSquares = 0);
