namespace Autoscale.Hpa.Reconcile;

/// <summary>
/// setConditionInList over the HPA's existing conditions: a condition keeps the position where its type was first
/// set, and its transition time moves only when its status changes.
/// </summary>
internal sealed class ConditionList(IReadOnlyList<HpaCondition>? existing, DateTimeOffset now)
{
    private readonly List<HpaCondition> _conditions = [.. existing ?? []];

    public void Set(HpaCondition condition)
    {
        var index = _conditions.FindIndex(c => c.Type == condition.Type);
        if (index < 0)
        {
            _conditions.Add(condition with { LastTransitionTime = now });
            return;
        }

        var old = _conditions[index];
        _conditions[index] = condition with { LastTransitionTime = old.Status == condition.Status ? old.LastTransitionTime : now };
    }

    public IReadOnlyList<HpaCondition> ToList() => [.. _conditions];
}
