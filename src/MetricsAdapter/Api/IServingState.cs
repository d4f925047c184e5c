namespace Autoscale.MetricsAdapter.Api;

/// <summary>
/// What a metric read asks of the rest of the adapter before and after the provider answers (the host's health
/// implements it): whether the adapter may answer yet, and, when a metric is missing, whether the source knows why.
/// </summary>
internal interface IServingState
{
    /// <summary>Authentication settings loaded, discovery synced and the sources reported once; reads are 503 until then.</summary>
    bool IsReady { get; }

    /// <summary>
    /// Why the source cannot deliver right now (e.g. Prometheus unreachable), or null. A missing metric is then a 500
    /// naming the cause instead of "not found", so an SRE reading the HPA's events sees the real problem.
    /// </summary>
    string? WhyUnavailable { get; }
}
