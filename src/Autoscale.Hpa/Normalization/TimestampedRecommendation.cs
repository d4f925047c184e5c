namespace Autoscale.Hpa.Normalization;

/// <summary>An unstabilised recommendation kept for the stabilisation windows.</summary>
public sealed record TimestampedRecommendation(int Recommendation, DateTimeOffset Timestamp);
