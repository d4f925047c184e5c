namespace Autoscale.Hpa.Reconcile;

/// <summary>
/// autoscaling/v2 <c>HorizontalPodAutoscalerStatus</c> as the controller writes it. A failed metric leaves a null
/// entry in <paramref name="CurrentMetrics"/> (upstream leaves a zero-valued MetricStatus in its slot);
/// <paramref name="CurrentMetrics"/> is null when no metric was evaluated.
/// </summary>
public sealed record HpaStatus(
    int CurrentReplicas,
    int DesiredReplicas,
    DateTimeOffset? LastScaleTime,
    IReadOnlyList<HpaMetricStatus?>? CurrentMetrics,
    IReadOnlyList<HpaCondition> Conditions)
{
    /// <summary>
    /// updateStatusIfNeeded's semantic comparison: field by field, lists element by element, so an unchanged status
    /// is not written again.
    /// </summary>
    public bool SemanticallyEquals(HpaStatus? other) =>
        other is not null
        && CurrentReplicas == other.CurrentReplicas
        && DesiredReplicas == other.DesiredReplicas
        && LastScaleTime == other.LastScaleTime
        && (CurrentMetrics ?? []).SequenceEqual(other.CurrentMetrics ?? [])
        && Conditions.SequenceEqual(other.Conditions);
}
