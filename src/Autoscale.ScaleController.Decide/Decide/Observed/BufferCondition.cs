namespace Autoscale.ScaleController.Decide.Observed;

/// <summary>One of a CapacityBuffer's <c>status.conditions</c> (a metav1.Condition): type, "True"/"False"/"Unknown", reason, message.</summary>
public sealed record BufferCondition(string Type, string Status, string Reason, string Message)
{
    public bool IsTrue => Status == "True";

    public bool IsFalse => Status == "False";
}
