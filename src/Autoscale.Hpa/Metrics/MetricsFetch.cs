namespace Autoscale.Hpa.Metrics;

/// <summary>What a metrics-client call returns: per-pod metrics and the first item's timestamp, or an error.</summary>
internal sealed record MetricsFetch(Dictionary<string, PodMetric>? Metrics, DateTimeOffset Timestamp, string? Error)
{
    public static MetricsFetch Fail(string error) => new(null, default, error);
}
