using Prometheus;

namespace Autoscale.MetricsAdapter.Telemetry;

/// <summary>
/// The adapter's own metrics (prometheus-net, served on the plain-HTTP metrics port), named
/// <c>autoscale_adapter_*</c> with bounded label values.
/// </summary>
internal sealed class AdapterMetrics
{
    public AdapterMetrics(CollectorRegistry registry)
    {
        Registry = registry;
        var factory = Metrics.WithCustomRegistry(registry);
        RequestDuration = factory.CreateHistogram(
            "autoscale_adapter_request_duration_seconds",
            "API request latency by route kind and HTTP status code.",
            new HistogramConfiguration
            {
                LabelNames = ["route", "code"],
                Buckets = [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
            });
        Authentications = factory.CreateCounter(
            "autoscale_adapter_authentication_total",
            "Authentication outcomes by method (requestheader, clientcertificate, bearertoken, none) and result.",
            new CounterConfiguration { LabelNames = ["method", "result"] });
        Authorizations = factory.CreateCounter(
            "autoscale_adapter_authorization_total",
            "Authorization decisions by result and source (bypass, mode, cache, subjectaccessreview, error).",
            new CounterConfiguration { LabelNames = ["decision", "source"] });
        KedaScalerRequests = factory.CreateCounter(
            "autoscale_adapter_keda_scaler_requests_total",
            "KEDA external scaler calls by method (IsActive, StreamIsActive, GetMetricSpec, GetMetrics) and gRPC status code.",
            new CounterConfiguration { LabelNames = ["method", "code"] });
        ServedSampleAge = factory.CreateHistogram(
            "autoscale_adapter_served_sample_age_seconds",
            "Age of each served sample at the time it was served (now minus the sample's own timestamp).",
            new HistogramConfiguration { Buckets = [0.25, 0.5, 1, 2, 2.5, 3, 4, 5, 7.5, 10, 15, 30, 60] });
    }

    public CollectorRegistry Registry { get; }

    public Histogram RequestDuration { get; }

    public Counter Authentications { get; }

    public Counter Authorizations { get; }

    public Histogram ServedSampleAge { get; }

    public Counter KedaScalerRequests { get; }
}
