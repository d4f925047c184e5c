using System.Collections.Immutable;
using Autoscale.Hpa.Normalization;

namespace Autoscale.Hpa.Reconcile;

/// <summary>
/// The controller's in-memory state for one HPA (upstream keeps it in maps keyed by namespace/name and loses it on
/// restart). Null <paramref name="Recommendations"/> means "never seen": the first reconcile seeds it.
/// </summary>
public sealed record HpaControllerState(
    ImmutableList<TimestampedRecommendation>? Recommendations,
    ImmutableList<TimestampedScaleEvent> ScaleUpEvents,
    ImmutableList<TimestampedScaleEvent> ScaleDownEvents)
{
    public static HpaControllerState Empty { get; } = new(null, [], []);
}
