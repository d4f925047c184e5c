using Autoscale.Hpa.Metrics;
using Autoscale.Hpa.Spec;
using Autoscale.Kubernetes.CustomMetrics;
using k8s.Models;

namespace Autoscale.Demo.Hpa;

/// <summary>
/// The HTTP half of upstream's custom metrics client (k8s.io/metrics/pkg/client/custom_metrics): GETs through the
/// kube-apiserver's aggregated path with the HPA controller's credentials. A failed read leaves the metric out of the
/// snapshot (the reconcile then reports it invalid) and keeps the API's message for the logs and the status command.
/// </summary>
internal sealed class CustomMetricsClient(k8s.Kubernetes client)
{
    private readonly CustomMetricsReader _reader = new(client);

    public async Task<HpaMetricsSnapshot> FetchAsync(string ns, string selector, IReadOnlyList<MetricSpec> metrics, IDictionary<string, string> errors, CancellationToken cancellationToken)
    {
        var pods = new Dictionary<MetricIdentifier, IReadOnlyList<PodMetricSample>>();
        var objects = new Dictionary<ObjectMetricKey, ObjectMetricSample>();
        foreach (var metric in metrics)
        {
            if (metric.Type == MetricSourceType.Pods && metric.Metric is { } id)
            {
                var path = CustomMetricsPaths.Pods(ns, id.Name, selector, id.Selector);
                if (await GetItemsAsync(path, id.Name, errors, cancellationToken) is { } items)
                {
                    pods[id] = [.. items.Select(i => new PodMetricSample(
                        i.Object, Milli(i), i.Timestamp, i.WindowSeconds is { } w ? TimeSpan.FromSeconds((long)w) : null))];
                }
            }
            else if (metric.Type == MetricSourceType.Object && metric.Metric is { } oid && metric.DescribedObject is { } target)
            {
                var path = CustomMetricsPaths.Object(ns, CustomMetricsPaths.Resource(target.Kind, target.ApiVersion), target.Name, oid.Name);
                if (await GetItemsAsync(path, oid.Name, errors, cancellationToken) is [var item, ..])
                {
                    objects[new ObjectMetricKey(target, oid)] = new ObjectMetricSample(Milli(item), item.Timestamp);
                }
            }
        }

        return new HpaMetricsSnapshot(PodsMetrics: pods, ObjectMetrics: objects);
    }

    private async Task<IReadOnlyList<MetricValue>?> GetItemsAsync(string path, string metric, IDictionary<string, string> errors, CancellationToken cancellationToken)
    {
        try
        {
            var answer = await _reader.ReadAsync(path, cancellationToken);
            if (answer.Items is null)
            {
                // upstream: "unable to fetch metrics from custom metrics API: <the Status message>"
                errors[metric] = $"unable to fetch metrics from custom metrics API: {answer.Error}";
            }

            return answer.Items;
        }
        catch (HttpRequestException ex)
        {
            errors[metric] = $"unable to fetch metrics from custom metrics API: {ex.Message}";
            return null;
        }
    }

    private static long Milli(MetricValue item) => HpaObjects.Milli(new ResourceQuantity(item.Quantity));
}
