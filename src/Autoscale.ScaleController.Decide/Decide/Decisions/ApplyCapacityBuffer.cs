using Autoscale.ScaleController.Decide.WarmPool;

namespace Autoscale.ScaleController.Decide.Decisions;

/// <summary>Server-side apply the PodTemplate, then the CapacityBuffer, of <see cref="Spec"/> (emitted only on change).</summary>
public sealed record ApplyCapacityBuffer(BufferSpec Spec, string Reason, bool DryRun) : Decision(Spec.Owner, DryRun)
{
    public override string Describe() => $"apply capacity buffer {Spec.Namespace}/{Spec.Name} ({Spec.Replicas} × {Spec.Gpus} GPU): {Reason}";
}
