namespace Autoscale.ScaleController.Config;

/// <summary>
/// Placeholder pool size = max(minimum, active schedules, headroom) + predictive extra, capped by
/// <paramref name="MaxGpus"/> for this workload and then by the global budget. Headroom is the fraction of ready
/// replicas, or with the planner on the forecast's uncertainty in replicas (upper − central at the cold-start horizon).
/// </summary>
/// <param name="PrePullImage">Run the workload's image with a sleep so the image lands on the node; else pause.</param>
/// <param name="Backend">Placeholder pods, a CapacityBuffer, or whichever the cluster serves (<see cref="WarmPoolBackend"/>).</param>
/// <param name="ProvisioningStrategy">The buffer's <c>spec.provisioningStrategy</c>; null leaves the API's default (active capacity).</param>
public sealed record WarmPoolPolicy(
    int Minimum,
    int MaxGpus,
    bool PrePullImage,
    string PauseImage,
    IReadOnlyList<WarmPoolSchedule> Schedules,
    PredictivePolicy Predictive,
    WarmPoolHeadroom Headroom,
    WarmPoolBackend Backend = WarmPoolBackend.Placeholders,
    string? ProvisioningStrategy = null)
{
    public static WarmPoolPolicy Default { get; } = new(
        Minimum: 0, MaxGpus: 8, PrePullImage: true, PauseImage: "registry.k8s.io/pause:3.10", Schedules: [], Predictive: PredictivePolicy.Default,
        Headroom: WarmPoolHeadroom.Off);
}
