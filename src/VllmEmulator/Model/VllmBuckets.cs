namespace Autoscale.VllmEmulator.Model;

/// <summary>Histogram bucket upper bounds exactly as vLLM declares them.</summary>
public static class VllmBuckets
{
    /// <summary>
    /// <c>vllm:time_to_first_token_seconds</c> in the V1 engine: vllm-project/vllm
    /// <c>vllm/v1/metrics/loggers.py</c> (<c>buckets=[0.001, …, 640.0, 2560.0]</c>).
    /// </summary>
    public static IReadOnlyList<double> TimeToFirstTokenSeconds { get; } =
    [
        0.001, 0.005, 0.01, 0.02, 0.04, 0.06, 0.08, 0.1, 0.25, 0.5, 0.75, 1.0, 2.5, 5.0, 7.5, 10.0, 20.0, 40.0, 80.0,
        160.0, 640.0, 2560.0,
    ];

    /// <summary>
    /// The V0 engine stopped at 10 s (<c>vllm/engine/metrics.py</c>); its bounds are a prefix of the V1 ones, so a
    /// V0 page is exact when rendered from the V1 counts.
    /// </summary>
    public static IReadOnlyList<double> TimeToFirstTokenSecondsV0 { get; } =
    [
        0.001, 0.005, 0.01, 0.02, 0.04, 0.06, 0.08, 0.1, 0.25, 0.5, 0.75, 1.0, 2.5, 5.0, 7.5, 10.0,
    ];

    /// <summary>
    /// <c>vllm:inter_token_latency_seconds</c> in the V1 engine (<c>vllm/v1/metrics/loggers.py</c>); V0 named the same
    /// histogram <c>vllm:time_per_output_token_seconds</c> and stopped at 2.5 s (<c>vllm/engine/metrics.py</c>), a prefix.
    /// </summary>
    public static IReadOnlyList<double> InterTokenLatencySeconds { get; } =
    [
        0.01, 0.025, 0.05, 0.075, 0.1, 0.15, 0.2, 0.3, 0.4, 0.5, 0.75, 1.0, 2.5, 5.0, 7.5, 10.0, 20.0, 40.0, 80.0,
    ];

    public static IReadOnlyList<double> InterTokenLatencySecondsV0 { get; } =
    [
        0.01, 0.025, 0.05, 0.075, 0.1, 0.15, 0.2, 0.3, 0.4, 0.5, 0.75, 1.0, 2.5,
    ];

    /// <summary>
    /// <c>vllm:request_prompt_tokens</c> and <c>vllm:request_generation_tokens</c> (and V0's): vLLM's
    /// <c>build_1_2_5_buckets(max_model_len)</c> in vllm-project/vllm <c>vllm/v1/metrics/loggers.py</c> and
    /// <c>vllm/engine/metrics.py</c>: 1, 2, 5 times each power of ten, in order, while the value is at most
    /// <paramref name="maxModelLen"/> (8192 ends at 5000; below 1 there are none).
    /// </summary>
    public static IReadOnlyList<double> RequestTokens(int maxModelLen)
    {
        ReadOnlySpan<int> mantissas = [1, 2, 5];
        var bounds = new List<double>();
        for (long power = 1; ; power *= 10)
        {
            foreach (var mantissa in mantissas)
            {
                var value = mantissa * power;
                if (value > maxModelLen)
                {
                    return bounds.ToArray();
                }

                bounds.Add(value);
            }
        }
    }
}
