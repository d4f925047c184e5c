using Autoscale.Kubernetes;

namespace Autoscale.MetricsAdapter.Catalog;

/// <summary>The external metrics contract, as custom-metrics-apiserver's <c>ExternalMetricsProvider</c>.</summary>
internal interface IExternalMetricsProvider
{
    /// <summary>As <see cref="ICustomMetricsProvider.PrepareAsync"/>, for an external metric read.</summary>
    ValueTask PrepareExternalAsync(string ns, LabelSelector metricSelector, ExternalMetricInfo info, CancellationToken cancellationToken) => ValueTask.CompletedTask;

    IReadOnlyList<ExternalMetricValue> GetExternalMetric(string ns, LabelSelector metricSelector, ExternalMetricInfo info);

    IReadOnlyList<ExternalMetricInfo> ListAllExternalMetrics();
}
