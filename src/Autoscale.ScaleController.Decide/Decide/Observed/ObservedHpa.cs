using Autoscale.Hpa.Spec;
using Autoscale.ScaleController.Decide.Behavior;

namespace Autoscale.ScaleController.Decide.Observed;

/// <summary>What Decide needs of an HPA: bounds, replica counts, the current behavior and our annotations.</summary>
/// <param name="AppliedByUs">
/// Behavior fields our field manager holds by a past apply (metadata.managedFields). Server-side apply deletes such
/// a field when an apply leaves it out and no other manager holds it, so a field pinned after we set it is re-sent
/// at its current value rather than left out.
/// </param>
/// <param name="ResourceVersion">The version read: the precondition of an apply that re-sends current values.</param>
public sealed record ObservedHpa(
    HpaRef Ref,
    int? MinReplicas,
    int MaxReplicas,
    int CurrentReplicas,
    int DesiredReplicas,
    HpaBehavior? Behavior,
    IReadOnlyDictionary<string, string> Annotations,
    IReadOnlySet<BehaviorField>? AppliedByUs = null,
    string? ResourceVersion = null);
