using Autoscale.ScaleController.Config;
using Autoscale.ScaleController.Decide.Observed;
using Autoscale.ScaleController.Kube;

namespace Autoscale.ScaleController.Watch.QueueDepth;

/// <summary>
/// GETs a workload's <c>vllm_queue_depth</c> from custom.metrics.k8s.io (the object metric of a Deployment or
/// StatefulSet, the sum over the selected pods for any other kind, see <see cref="CustomMetricsPath"/>) through the controller's own
/// KubernetesClient (its HttpClient, base URI and credentials, so the same handlers, TLS and token apply). KubernetesClient
/// has no typed custom-metrics client. The request is not retried: a failed read just means no sample this round.
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

        using var response = await PlainGet.SendAsync(client, path, cancellationToken).ConfigureAwait(false);
        if (!response.IsSuccessStatusCode)
        {
            return (null, MetricReadOutcome.FromStatus((int)response.StatusCode));
        }

        var body = await response.Content.ReadAsByteArrayAsync(cancellationToken).ConfigureAwait(false);
        return MetricValueListParser.Parse(body) is { } sample ? (sample, MetricReadOutcome.Ok) : (null, MetricReadOutcome.Invalid);
    }
}
