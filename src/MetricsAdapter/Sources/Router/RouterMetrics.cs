using Prometheus;

namespace Autoscale.MetricsAdapter.Sources.Router;

/// <summary>The router stage's self-metrics, on the adapter's registry; the router label is bounded by the config (at most 64).</summary>
internal sealed class RouterMetrics
{
    private readonly Counter _errors;
    private readonly Gauge _lastSuccess;

    public RouterMetrics(CollectorRegistry registry)
    {
        var factory = Metrics.WithCustomRegistry(registry);
        _errors = factory.CreateCounter(
            "autoscale_adapter_router_scrape_errors_total",
            "Failed scrapes of a configured router (routers: in the config), by router name.",
            new CounterConfiguration { LabelNames = ["router"] });
        _lastSuccess = factory.CreateGauge(
            "autoscale_adapter_router_last_success_timestamp_seconds",
            "When a configured router's page was last read and parsed (Unix seconds); its values are served from that page.",
            new GaugeConfiguration { LabelNames = ["router"] });
    }

    public void Failed(string router) => _errors.WithLabels(router).Inc();

    public void Succeeded(string router, DateTimeOffset at) => _lastSuccess.WithLabels(router).Set(at.ToUnixTimeMilliseconds() / 1000.0);

    /// <summary>A router no longer configured leaves no series behind.</summary>
    public void Forget(string router)
    {
        _errors.RemoveLabelled(router);
        _lastSuccess.RemoveLabelled(router);
    }
}
