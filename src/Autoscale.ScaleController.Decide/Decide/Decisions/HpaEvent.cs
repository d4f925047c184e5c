namespace Autoscale.ScaleController.Decide.Decisions;

/// <summary>The Event Act records on the HPA: what changed and why, with the numbers.</summary>
public sealed record HpaEvent(string Type, string Reason, string Message)
{
    public const string Normal = "Normal";
    public const string Warning = "Warning";
}
