using Autoscale.Kubernetes;

namespace Autoscale.MetricsAdapter.Api;

/// <summary>The external metrics contract, as custom-metrics-apiserver's <c>ExternalMetricsProvider</c>.</summary>
internal interface IExternalMetricsProvider
{
    IReadOnlyList<ExternalMetricValue> GetExternalMetric(string ns, LabelSelector metricSelector, ExternalMetricInfo info);

    IReadOnlyList<ExternalMetricInfo> ListAllExternalMetrics();
}
