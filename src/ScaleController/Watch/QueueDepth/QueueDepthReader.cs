using Autoscale.ScaleController.Config;
using Autoscale.ScaleController.Decide.Observed;
using Autoscale.ScaleController.Watch.CustomMetrics;

namespace Autoscale.ScaleController.Watch.QueueDepth;

/// <summary>
/// GETs a workload's <c>vllm_queue_depth</c> from custom.metrics.k8s.io: the object metric of a Deployment or
/// StatefulSet, the sum over the selected pods for any other kind (see <see cref="CustomMetricsPath"/>).
/// </summary>
internal sealed class QueueDepthReader(k8s.Kubernetes client)
{
    /// <summary>Null when there is nothing to read: a kind read by pod selector whose selector is not known yet.</summary>
    public async Task<(MetricSample? Sample, string Outcome)?> ReadAsync(WorkloadRef workload, string? podSelector, CancellationToken cancellationToken)
    {
        if (CustomMetricsPath.For(workload, CustomMetricsPath.QueueDepthMetric, podSelector) is not { } path)
        {
            return null;
        }

        var (body, outcome) = await MetricsApiGet.SendAsync(client, path, cancellationToken).ConfigureAwait(false);
        return body is null ? (null, outcome)
            : MetricValueListParser.Parse(body) is { } sample ? (sample, MetricReadOutcome.Ok)
            : (null, MetricReadOutcome.Invalid);
    }
}
