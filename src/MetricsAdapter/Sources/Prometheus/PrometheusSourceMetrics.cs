using Autoscale.MetricsAdapter.Sources.Prometheus.Client;
using Autoscale.MetricsAdapter.Sources.Prometheus.Rules;
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

    private readonly Gauge _refused = global::Prometheus.Metrics.WithCustomRegistry(registry).CreateGauge(
        "autoscale_adapter_prometheus_rules_refused",
        "prometheus-adapter rules in the loaded config that are not served, by section (rules, externalRules, resourceRules); the log says why.",
        new GaugeConfiguration { LabelNames = ["section"] });

    private readonly Gauge _ruleQueries = global::Prometheus.Metrics.WithCustomRegistry(registry).CreateGauge(
        "autoscale_adapter_prometheus_rule_queries",
        "Rule queries polled every interval (distinct metric, resource, namespace and metric selector that reads asked for).");

    public void Query() => _queries.Inc();

    public void Refused(IReadOnlyList<RuleRefusal> refusals)
    {
        foreach (var section in new[] { "rules", "externalRules", "resourceRules" })
        {
            _refused.WithLabels(section).Set(refusals.Count(r => r.Section == section));
        }
    }

    public void RuleQueries(int count) => _ruleQueries.Set(count);

    public double RefusedCount(string section) => _refused.WithLabels(section).Value;

    public void Error(PromError error) => _errors.WithLabels(error.KindLabel).Inc();

    public double QueryCount => _queries.Value;

    public double ErrorCount(PromErrorKind kind) => _errors.WithLabels(new PromError(kind, "").KindLabel).Value;
}
