using Autoscale.Hpa;
using Autoscale.Hpa.Spec;
using Autoscale.ScaleController.Config;
using Autoscale.ScaleController.Decide.Behavior;
using Autoscale.ScaleController.Decide.Observed;

namespace Autoscale.ScaleController.Decide.Decisions;

/// <summary>
/// Server-side apply of <c>spec.behavior</c> under <see cref="FieldManager"/>, sending only
/// <see cref="ManagedFields"/>: pinned fields are left out of the patch so the SRE's manager keeps them.
/// <see cref="Behavior"/> is the full intended behavior (pinned fields hold the HPA's current values).
/// A scale-down hold or release is a <see cref="SetBehavior"/> whose event reason is ScaleDownHeld/ScaleDownReleased.
/// <see cref="Retained"/> are pinned fields our manager still holds from an earlier apply: they are re-sent at their
/// current value (never changed) under <see cref="ResourceVersion"/> as a precondition, because leaving them out would
/// make server-side apply delete them.
/// </summary>
public sealed record SetBehavior(
    WorkloadRef Workload,
    HpaRef Hpa,
    HpaBehavior Behavior,
    IReadOnlyList<BehaviorField> ManagedFields,
    IReadOnlyList<FieldChange> Changes,
    KubernetesEvent Event,
    bool DryRun,
    IReadOnlyList<BehaviorField>? RetainedFields = null,
    string? ResourceVersion = null) : Decision(Workload, DryRun)
{
    public IReadOnlyList<BehaviorField> Retained => RetainedFields ?? [];

    public const string FieldManager = "autoscale-scale-controller";

    public override string Describe() =>
        $"set behavior of HPA {Hpa}: {string.Join("; ", Changes)} ({Event.Reason}: {Event.Message})";
}
