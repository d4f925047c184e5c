using Autoscale.ScaleController.Decide.Behavior;

namespace Autoscale.ScaleController.Decide.Decisions;

/// <summary>One behavior field's old and new value, rendered as the event shows them.</summary>
public sealed record FieldChange(BehaviorField Field, string From, string To)
{
    public override string ToString() => $"{BehaviorFields.Name(Field)} {From} → {To}";
}
