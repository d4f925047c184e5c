namespace Autoscale.Hpa.Pods;

/// <summary>
/// The pod fields the HPA reads: one pod selected by the scale target's selector.
/// <paramref name="PodLevelRequestsMilli"/> is <c>spec.resources.requests</c> (KEP-2837), null when unset.
/// </summary>
public sealed record HpaPod(
    string Name,
    PodPhase Phase,
    PodReadyCondition? ReadyCondition,
    DateTimeOffset? StartTime,
    IReadOnlyList<HpaContainer> Containers,
    DateTimeOffset? DeletionTimestamp = null,
    IReadOnlyDictionary<string, long>? PodLevelRequestsMilli = null)
{
    /// <summary>podutil.IsPodReady: the Ready condition is present and True.</summary>
    public bool IsReady => ReadyCondition is { Status: ConditionStatus.True };
}
