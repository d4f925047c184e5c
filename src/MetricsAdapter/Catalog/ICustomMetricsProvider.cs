using Autoscale.Kubernetes;
using Autoscale.MetricsAdapter.Store;

namespace Autoscale.MetricsAdapter.Catalog;

/// <summary>
/// The serve contract, as custom-metrics-apiserver's <c>CustomMetricsProvider</c>. Errors are thrown as
/// <see cref="ApiStatusException"/> carrying the Kubernetes Status to answer with.
/// </summary>
internal interface ICustomMetricsProvider
{
    /// <summary>The metric of one named object (a 1-item list, as the library wraps it).</summary>
    MetricValueList GetMetricByName(ObjectKey name, CustomMetricInfo info, LabelSelector metricSelector);

    /// <summary>The metric of every object matching <paramref name="selector"/> (name <c>*</c>).</summary>
    MetricValueList GetMetricBySelector(string ns, LabelSelector selector, CustomMetricInfo info, LabelSelector metricSelector);

    /// <summary>
    /// Called before a read, off the hot path: a source that answers from polled queries registers the query here (the
    /// first request for it waits for one answer). The reads themselves never wait.
    /// </summary>
    ValueTask PrepareAsync(CustomMetricInfo info, string ns, LabelSelector metricSelector, CancellationToken cancellationToken) => ValueTask.CompletedTask;

    /// <summary>
    /// Whether the metric's values come from the pipeline's source (pod scrapes or Prometheus), so that a failing
    /// source explains its absence; false for values the objects carry themselves (the planner's desired replicas).
    /// </summary>
    bool ReadsSource(CustomMetricInfo info) => true;

    /// <summary>Everything served, for discovery. Never empty.</summary>
    IReadOnlyList<CustomMetricInfo> ListAllMetrics();
}
