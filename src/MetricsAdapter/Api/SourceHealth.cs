namespace Autoscale.MetricsAdapter.Api;

/// <summary>
/// Why the metric source cannot deliver right now (e.g. Prometheus unreachable), or null. When a metric is missing
/// and this says why, the reply is a 500 Status naming the cause instead of "not found", so an SRE reading the HPA's
/// events sees the real problem (the HPA holds its scale either way).
/// </summary>
internal sealed class SourceHealth(Func<string?> whyUnavailable)
{
    public static SourceHealth AlwaysHealthy { get; } = new(() => null);

    public string? WhyUnavailable => whyUnavailable();
}
