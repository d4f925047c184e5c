using Autoscale.Hpa;
using Autoscale.ScaleController.Config;

namespace Autoscale.ScaleController.Decide.Decisions;

/// <summary>
/// Record <see cref="Event"/> (a Warning) on a CapacityBuffer the autoscaler refused (ReadyForProvisioning=False).
/// Decide says so every round the refusal lasts; Act records it once per refusal (while the text stays the same).
/// </summary>
public sealed record WarnBufferRefused(WorkloadRef Workload, string Namespace, string Name, string ApiVersion, string? Uid, KubernetesEvent Event, bool DryRun)
    : Decision(Workload, DryRun)
{
    public const string Reason = "CapacityBufferRefused";

    public override string Describe() => $"warn: capacity buffer {Namespace}/{Name} refused: {Event.Message}";
}
