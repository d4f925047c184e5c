using Autoscale.LoadTest.Controller;
using Autoscale.ScaleController.Config;

namespace Autoscale.LoadTest.Policies;

/// <summary>
/// The Autoscale stack: our MetricsAdapter scrapes vLLM every 2 s and omits loading pods (never zero-fills them),
/// the HPA library syncs every 15 s on <c>vllm_queue_depth</c> AverageValue — and, when set, also on
/// <c>vllm_running_requests</c> and <c>vllm_kv_cache_usage</c> AverageValue, each a separate metric of the same HPA,
/// which takes the largest replica count any of them asks for — and the scale controller, configured by
/// <see cref="Controller"/> (the ConfigMap document), runs its Decide every <see cref="ControllerTickSeconds"/>.
/// </summary>
/// <param name="TargetRunningMilli">Running requests per pod (milli); the "enough" signal a queue lacks. Null: not used.</param>
/// <param name="TargetKvUsageMilli">KV-cache usage per pod as a fraction (milli: 800 = 0.8). Null: not used.</param>
internal sealed record AutoscaleOptions(
    long TargetQueueDepthMilli,
    double ScrapeSeconds,
    int MinReplicas,
    ControllerConfig Controller,
    double ControllerTickSeconds = 10,
    long? TargetRunningMilli = null,
    long? TargetKvUsageMilli = null)
{
    public static AutoscaleOptions Default { get; } = new(5000, 2, 1, ControllerYaml.Parse(ControllerYaml.Minimal, "built-in"));
}
