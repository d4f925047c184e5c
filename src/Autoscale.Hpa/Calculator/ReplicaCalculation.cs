namespace Autoscale.Hpa.Calculator;

/// <summary>
/// One metric's proposal. <paramref name="Usage"/> is the raw average (resource metrics) or the usage reported
/// in status; <paramref name="Utilization"/> is set only for Utilization targets. <paramref name="Error"/> non-null
/// means the metric is invalid and the other fields are meaningless.
/// </summary>
public sealed record ReplicaCalculation(int ReplicaCount, long Usage, int? Utilization, DateTimeOffset Timestamp, string? Error = null)
{
    public bool IsValid => Error is null;

    public static ReplicaCalculation Fail(string error) => new(0, 0, null, default, error);
}
