using Autoscale.LoadTest.Controller;
using Autoscale.ScaleController.Config;

namespace Autoscale.LoadTest.Policies;

/// <summary>
/// The Autoscale stack: our MetricsAdapter scrapes vLLM every 2 s and omits loading pods (never zero-fills them),
/// the HPA library syncs every 15 s on <c>vllm_queue_depth</c> AverageValue, and the scale controller — configured
/// by <see cref="Controller"/>, the ConfigMap document — runs its Decide every <see cref="ControllerTickSeconds"/>.
/// </summary>
internal sealed record AutoscaleOptions(
    long TargetQueueDepthMilli,
    double ScrapeSeconds,
    int MinReplicas,
    ControllerConfig Controller,
    double ControllerTickSeconds = 10)
{
    public static AutoscaleOptions Default { get; } = new(5000, 2, 1, ControllerYaml.Parse(ControllerYaml.Minimal, "built-in"));
}
