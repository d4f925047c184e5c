using System.Collections.Immutable;
using Autoscale.Hpa.Reconcile;

namespace Autoscale.Hpa.Normalization;

/// <summary>
/// Result of normalizeDesiredReplicas(WithBehaviors): the replicas to set, the AbleToScale and ScalingLimited
/// conditions it decided, and the new recommendation history.
/// </summary>
public sealed record Normalized(
    int DesiredReplicas,
    HpaCondition AbleToScale,
    HpaCondition ScalingLimited,
    ImmutableList<TimestampedRecommendation> Recommendations);
