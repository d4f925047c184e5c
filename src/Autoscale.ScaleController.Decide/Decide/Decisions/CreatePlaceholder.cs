using Autoscale.ScaleController.Decide.WarmPool;

namespace Autoscale.ScaleController.Decide.Decisions;

/// <summary>Create the placeholder pod described by <see cref="Spec"/>.</summary>
public sealed record CreatePlaceholder(PlaceholderSpec Spec, string Reason, bool DryRun) : Decision(Spec.Owner, DryRun)
{
    public override string Describe() => $"create placeholder {Spec.Namespace}/{Spec.Name} ({Spec.Gpus} GPU): {Reason}";
}
