using Autoscale.ScaleController.Config;

namespace Autoscale.ScaleController.Decide.Decisions;

/// <summary>Delete a CapacityBuffer and the PodTemplate of the same name (ours: <c>autoscale-warm-{workload}</c>).</summary>
public sealed record DeleteCapacityBuffer(string Namespace, string Name, string ApiVersion, WorkloadRef? Owner, string Reason, bool DryRun)
    : Decision(Owner, DryRun)
{
    public override string Describe() => $"delete capacity buffer {Namespace}/{Name}: {Reason}";
}
