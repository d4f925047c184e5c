using Autoscale.ScaleController.Config;

namespace Autoscale.ScaleController.Decide.Decisions;

/// <summary>Delete a placeholder pod (grace period 0: it holds nothing worth waiting for).</summary>
public sealed record DeletePlaceholder(string Namespace, string Name, WorkloadRef? Owner, string Reason, bool DryRun)
    : Decision(Owner, DryRun)
{
    public override string Describe() => $"delete placeholder {Namespace}/{Name}: {Reason}";
}
