namespace Autoscale.ScaleController.Config;

/// <summary>
/// Placeholder pool size = max(minimum, active schedules, headroom × ready replicas) + predictive extra, capped by
/// <paramref name="MaxGpus"/> for this workload and then by the global budget.
/// </summary>
/// <param name="PrePullImage">Run the workload's image with a sleep so the image lands on the node; else pause.</param>
public sealed record WarmPoolPolicy(
    int Minimum,
    int MaxGpus,
    bool PrePullImage,
    string PauseImage,
    IReadOnlyList<WarmPoolSchedule> Schedules,
    PredictivePolicy Predictive,
    WarmPoolHeadroom Headroom)
{
    public static WarmPoolPolicy Default { get; } = new(
        Minimum: 0, MaxGpus: 8, PrePullImage: true, PauseImage: "registry.k8s.io/pause:3.10", Schedules: [], Predictive: PredictivePolicy.Default,
        Headroom: WarmPoolHeadroom.Off);
}
