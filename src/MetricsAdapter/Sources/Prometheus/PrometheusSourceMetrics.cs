using Autoscale.MetricsAdapter.Sources.Prometheus.Client;
using Prometheus;

namespace Autoscale.MetricsAdapter.Sources.Prometheus;

/// <summary>The source's self-metrics, registered in the adapter's registry; <c>kind</c> is a <see cref="PromErrorKind"/>.</summary>
internal sealed class PrometheusSourceMetrics(CollectorRegistry registry)
{
    private readonly Counter _errors = global::Prometheus.Metrics.WithCustomRegistry(registry).CreateCounter(
        "autoscale_adapter_prometheus_errors_total",
        "Failed calls to Prometheus by kind (timeout, connection, circuit_open, http_status, query, bad_response, rule).",
        new CounterConfiguration { LabelNames = ["kind"] });

    private readonly Counter _queries = global::Prometheus.Metrics.WithCustomRegistry(registry).CreateCounter(
        "autoscale_adapter_prometheus_queries_total",
        "Calls to Prometheus (instant queries and series relists), failed or not.");

    public void Query() => _queries.Inc();

    public void Error(PromError error) => _errors.WithLabels(error.KindLabel).Inc();

    public double QueryCount => _queries.Value;

    public double ErrorCount(PromErrorKind kind) => _errors.WithLabels(new PromError(kind, "").KindLabel).Value;
}
