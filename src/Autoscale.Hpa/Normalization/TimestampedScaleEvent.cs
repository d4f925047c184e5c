namespace Autoscale.Hpa.Normalization;

/// <summary>
/// A performed rescale: <paramref name="ReplicaChange"/> is the absolute change. <paramref name="Outdated"/> marks a
/// slot older than the longest policy period, free for reuse by the next event.
/// </summary>
public sealed record TimestampedScaleEvent(int ReplicaChange, DateTimeOffset Timestamp, bool Outdated = false);
