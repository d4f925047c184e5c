namespace Autoscale.LoadTest.Metrics;

/// <summary>
/// Container CPU of one vLLM V1 pod, as cAdvisor (and so metrics-server) would read it, in milli-cores. V1 runs two
/// processes (vllm/v1/engine/core.py, async_llm.py; vllm PR #11636 settled on two, not three):
/// <list type="bullet">
/// <item>the EngineCore process, whose <c>run_busy_loop</c> schedules, launches and waits on the GPU every step:
/// about one core whenever it has work (<see cref="EngineCoreBusyMilli"/> × the engine's busy fraction), and
/// nothing when idle (<c>_process_input_queue</c> blocks "until there is work to do");</item>
/// <item>the API server process (HTTP, tokenisation, incremental detokenisation and one SSE chunk per output token).
/// Its per-token cost is derived from vllm PR #11636: one API-server process, which is single-threaded Python (at
/// most one core), kept a V1 engine fed at 55.99 req/s × 200 output tokens (sonnet 250 in / 200 out, streamed by
/// benchmark_serving) = 11,200 out tok/s within 3 % of the offline LLM class, so at most 1 core / 11,200 tok/s ≈
/// 90 µs of CPU per output token, prompt tokenisation included (<see cref="ApiServerMilliPerOutputToken"/>). The
/// bound is an upper one: it makes the CPU signal as load-sensitive as the measurement allows, which favours the
/// CPU baseline, never hurts it.</item>
/// </list>
/// Idle baseline: two idle Python processes plus the 10 s stats logger; <see cref="IdleMilli"/> = 0.05 core is an
/// assumption (no published figure), small beside the 4-core request. A pod loading weights reads a full core
/// (safetensors deserialisation and the copy to the GPU are one busy thread).
/// With the 4-core request of deploy/examples/vllm-deployment.yaml, one busy engine therefore reads about
/// (50 + 1000 + 90 µs × ~1,000 tok/s) / 4000 ≈ 29 %: busy or not, never near an 80 % target.
/// </summary>
internal static class VllmCpuModel
{
    public const long IdleMilli = 50;

    public const long EngineCoreBusyMilli = 1000;

    /// <summary>0.09 milli-core-seconds (90 µs) of API-server CPU per output token.</summary>
    public const double ApiServerMilliPerOutputToken = 0.09;

    public const long LoadingMilli = 1000;

    /// <param name="busyFraction">Share of the last interval the engine loop ran steps, 0–1.</param>
    /// <param name="outputTokensPerSecond">Tokens the pod streamed per second over the same interval.</param>
    public static long ServingMilli(double busyFraction, double outputTokensPerSecond) =>
        IdleMilli
        + (long)Math.Round(EngineCoreBusyMilli * Math.Clamp(busyFraction, 0, 1))
        + (long)Math.Round(ApiServerMilliPerOutputToken * Math.Max(0, outputTokensPerSecond));
}
