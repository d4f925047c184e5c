namespace Autoscale.ScaleController.Config;

/// <summary>
/// Extra placeholders from the metrics: one per <paramref name="QueueGrowthPerReplica"/> requests/minute of queue
/// growth over <paramref name="LookbackSeconds"/>, plus the HPA's unmet desire and replicas pending a node.
/// </summary>
public sealed record PredictivePolicy(
    bool Enabled,
    double QueueGrowthPerReplica,
    int LookbackSeconds,
    bool CountHpaGap,
    bool CountPending,
    int MaxExtra)
{
    public static PredictivePolicy Default { get; } = new(
        Enabled: false, QueueGrowthPerReplica: 10, LookbackSeconds: 120, CountHpaGap: true, CountPending: true, MaxExtra: 2);
}
