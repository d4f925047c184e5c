using Autoscale.LoadTest.Controller;
using Autoscale.ScaleController.Config;

namespace Autoscale.LoadTest.Policies;

/// <summary>
/// The Autoscale stack: our MetricsAdapter scrapes vLLM every 2 s and omits loading pods (never zero-fills them),
/// the HPA library syncs every 15 s on <c>vllm_queue_depth</c> AverageValue — and, when set, also on
/// <c>vllm_running_requests</c> and <c>vllm_kv_cache_usage</c> AverageValue, each a separate metric of the same HPA,
/// which takes the largest replica count any of them asks for — and the scale controller, configured by
/// <see cref="Controller"/> (the ConfigMap document), runs its Decide every <see cref="ControllerTickSeconds"/>.
/// When the controller's planner is on, the HPA also has the Object metric <c>autoscale_desired_replicas</c> on the
/// Deployment with AverageValue 1, which the adapter serves from the planner's annotation while it is at most
/// <see cref="DesiredReplicasMaxAgeSeconds"/> old; the other metrics stay as the safety net.
/// </summary>
/// <param name="TargetRunningMilli">Running requests per pod (milli); the "enough" signal a queue lacks. Null: not used.</param>
/// <param name="TargetKvUsageMilli">KV-cache usage per pod as a fraction (milli: 800 = 0.8). Null: not used.</param>
/// <param name="ScaleUpTolerance">The HPA's <c>behavior.scaleUp.tolerance</c> (KEP-4951); null: the cluster's 10 %.</param>
/// <param name="ScaleDownTolerance">The HPA's <c>behavior.scaleDown.tolerance</c>; null: the cluster's 10 %.</param>
/// <param name="DesiredReplicasMaxAgeSeconds">The adapter's max age of the planner's annotation (its default 120 s).</param>
/// <param name="ArrivalWindowSeconds">
/// The adapter's window of <c>vllm_arrival_requests_per_second</c> (its <c>scrape.arrivalWindow</c>, default 30 s);
/// 0: the last two scrapes, as it was before (read once per 10-second round, a fifth of the arrivals).
/// </param>
/// <param name="LatencyWindowSeconds">The adapter's window for TTFT and ITL means (its <c>scrape.latencyWindow</c>, 60 s).</param>
/// <param name="SeedError">
/// What-if: the planner's seed off from the simulated GPU (<c>--seed-prefill-scale</c>, <c>--seed-decode-scale</c>);
/// (1, 1): exact.
/// </param>
internal sealed record AutoscaleOptions(
    long TargetQueueDepthMilli,
    double ScrapeSeconds,
    int MinReplicas,
    ControllerConfig Controller,
    double ControllerTickSeconds = 10,
    long? TargetRunningMilli = null,
    long? TargetKvUsageMilli = null,
    double? ScaleUpTolerance = null,
    double? ScaleDownTolerance = null,
    double DesiredReplicasMaxAgeSeconds = 120,
    double ArrivalWindowSeconds = 30,
    double LatencyWindowSeconds = 60,
    SeedError? SeedError = null)
{
    public Metrics.DemandWindows DemandWindows => new(ScrapeSeconds, Math.Max(ArrivalWindowSeconds, ScrapeSeconds), LatencyWindowSeconds);

    /// <summary>The controller's built-in policies with only the workload listed, and the HPA on queue depth 5.</summary>
    public static AutoscaleOptions ControllerDefaults { get; } = new(5000, 2, 1, ControllerYaml.Parse(ControllerYaml.Minimal, "built-in"));

    /// <summary>Whether the workload's SLO planner is on (the HPA then carries <c>autoscale_desired_replicas</c>).</summary>
    public bool PlannerEnabled => Controller.Workloads[0].Policy.Planner is { Enabled: true, Profile: not null };
}
