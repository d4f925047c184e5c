using Autoscale.Hpa.Spec;

namespace Autoscale.ScaleController.Decide.Observed;

/// <summary>What Decide needs of an HPA: bounds, replica counts, the current behavior and our annotations.</summary>
internal sealed record ObservedHpa(
    HpaRef Ref,
    int? MinReplicas,
    int MaxReplicas,
    int CurrentReplicas,
    int DesiredReplicas,
    HpaBehavior? Behavior,
    IReadOnlyDictionary<string, string> Annotations);
