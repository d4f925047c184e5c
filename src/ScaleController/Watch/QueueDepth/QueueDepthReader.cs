using Autoscale.Kubernetes.CustomMetrics;
using Autoscale.ScaleController.Config;
using Autoscale.ScaleController.Decide.Observed;
using Autoscale.ScaleController.Kube;
using Autoscale.ScaleController.Watch.CustomMetrics;

namespace Autoscale.ScaleController.Watch.QueueDepth;

/// <summary>
/// GETs a workload's <c>vllm_queue_depth</c> from custom.metrics.k8s.io: the object metric of a Deployment or
/// StatefulSet, the sum over the selected pods for any other kind (see <see cref="CustomMetricsPath"/>).
/// </summary>
internal sealed class QueueDepthReader(k8s.Kubernetes client)
{
    private readonly CustomMetricsReader _reader = new(client, PlainGet.NotRetried);

    /// <summary>Null when there is nothing to read: a kind read by pod selector whose selector is not known yet.</summary>
    public async Task<(MetricSample? Sample, string Outcome)?> ReadAsync(WorkloadRef workload, string? podSelector, CancellationToken cancellationToken)
    {
        if (CustomMetricsPath.For(workload, CustomMetricsPath.QueueDepthMetric, podSelector) is not { } path)
        {
            return null;
        }

        var answer = await _reader.ReadAsync(path, cancellationToken).ConfigureAwait(false);
        return answer.Items is { } items ? (Sum(items), items.Count > 0 ? MetricReadOutcome.Ok : MetricReadOutcome.Invalid)
            : answer.Code is >= 200 and < 300 ? (null, MetricReadOutcome.Invalid)
            : (null, MetricReadOutcome.FromStatus(answer.Code));
    }

    /// <summary>The items summed at the newest timestamp (an object metric has one); null when there are none.</summary>
    public static MetricSample? Sum(IReadOnlyList<MetricValue> items)
    {
        if (items.Count == 0)
        {
            return null;
        }

        var sum = 0.0;
        var newest = DateTimeOffset.MinValue;
        foreach (var item in items)
        {
            sum += item.Value;
            newest = item.Timestamp > newest ? item.Timestamp : newest;
        }

        return new MetricSample(newest, sum);
    }
}
