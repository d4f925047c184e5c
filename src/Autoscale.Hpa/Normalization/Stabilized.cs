using System.Collections.Immutable;

namespace Autoscale.Hpa.Normalization;

/// <summary>A stabilised recommendation and the recommendation history after recording the new one.</summary>
public sealed record Stabilized(int Replicas, string Reason, string Message, ImmutableList<TimestampedRecommendation> Recommendations);
