namespace Autoscale.Hpa.Reconcile;

/// <summary>setConditionInList: a condition keeps the position where its type was first set.</summary>
internal sealed class ConditionList
{
    private readonly List<HpaCondition> _conditions = [];

    public void Set(HpaCondition condition)
    {
        var index = _conditions.FindIndex(c => c.Type == condition.Type);
        if (index >= 0)
        {
            _conditions[index] = condition;
        }
        else
        {
            _conditions.Add(condition);
        }
    }

    public IReadOnlyList<HpaCondition> ToList() => [.. _conditions];
}
