using System.Globalization;
using System.Text.Json.Nodes;
using Autoscale.Hpa.Metrics;
using Autoscale.Hpa.Spec;
using k8s.Models;

namespace Autoscale.Demo.Hpa;

/// <summary>
/// The HTTP half of upstream's custom metrics client (k8s.io/metrics/pkg/client/custom_metrics): GETs through the
/// kube-apiserver's aggregated path with the HPA controller's credentials. A failed read leaves the metric out of the
/// snapshot (the reconcile then reports it invalid) and keeps the API's message for the logs and the status command.
/// </summary>
internal sealed class CustomMetricsClient(k8s.Kubernetes client)
{
    private const string Base = "/apis/custom.metrics.k8s.io/v1beta2";

    public async Task<HpaMetricsSnapshot> FetchAsync(string ns, string selector, IReadOnlyList<MetricSpec> metrics, IDictionary<string, string> errors, CancellationToken cancellationToken)
    {
        var pods = new Dictionary<MetricIdentifier, IReadOnlyList<PodMetricSample>>();
        var objects = new Dictionary<ObjectMetricKey, ObjectMetricSample>();
        foreach (var metric in metrics)
        {
            if (metric.Type == MetricSourceType.Pods && metric.Metric is { } id)
            {
                var path = $"{Base}/namespaces/{ns}/pods/*/{id.Name}?labelSelector={Uri.EscapeDataString(selector)}"
                    + (id.Selector is { Length: > 0 } s ? $"&metricLabelSelector={Uri.EscapeDataString(s)}" : "");
                if (await GetItemsAsync(path, id.Name, errors, cancellationToken) is { } items)
                {
                    pods[id] = [.. items.Select(i => new PodMetricSample(
                        (string)i["describedObject"]!["name"]!, Milli(i), Timestamp(i), i["windowSeconds"] is { } w ? TimeSpan.FromSeconds((long)w) : null))];
                }
            }
            else if (metric.Type == MetricSourceType.Object && metric.Metric is { } oid && metric.DescribedObject is { } target)
            {
                var resource = target.Kind.ToLowerInvariant() + "s" + (target.ApiVersion.Contains('/', StringComparison.Ordinal) ? "." + target.ApiVersion[..target.ApiVersion.IndexOf('/', StringComparison.Ordinal)] : "");
                var path = $"{Base}/namespaces/{ns}/{resource}/{target.Name}/{oid.Name}";
                if (await GetItemsAsync(path, oid.Name, errors, cancellationToken) is [var item, ..])
                {
                    objects[new ObjectMetricKey(target, oid)] = new ObjectMetricSample(Milli(item), Timestamp(item));
                }
            }
        }

        return new HpaMetricsSnapshot(PodsMetrics: pods, ObjectMetrics: objects);
    }

    private async Task<IReadOnlyList<JsonNode>?> GetItemsAsync(string path, string metric, IDictionary<string, string> errors, CancellationToken cancellationToken)
    {
        try
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(client.BaseUri, path.TrimStart('/')));
            request.Headers.Accept.ParseAdd("application/json");
            if (client.Credentials is { } credentials)
            {
                await credentials.ProcessHttpRequestAsync(request, cancellationToken);
            }

            using var response = await client.HttpClient.SendAsync(request, cancellationToken);
            var body = await response.Content.ReadAsStringAsync(cancellationToken);
            if (!response.IsSuccessStatusCode)
            {
                // upstream: "unable to fetch metrics from custom metrics API: <the Status message>"
                var message = TryParse(body)?["message"]?.GetValue<string>() ?? (body.Trim().Length > 0 ? body.Trim() : response.ReasonPhrase);
                errors[metric] = $"unable to fetch metrics from custom metrics API: {message}";
                return null;
            }

            return TryParse(body)?["items"]?.AsArray().Select(i => i!).ToList();
        }
        catch (HttpRequestException ex)
        {
            errors[metric] = $"unable to fetch metrics from custom metrics API: {ex.Message}";
            return null;
        }
    }

    private static JsonNode? TryParse(string body)
    {
        try
        {
            return JsonNode.Parse(body);
        }
        catch (System.Text.Json.JsonException)
        {
            return null;
        }
    }

    private static long Milli(JsonNode item) => HpaObjects.Milli(new ResourceQuantity((string)item["value"]!));

    private static DateTimeOffset Timestamp(JsonNode item) =>
        DateTimeOffset.Parse((string)item["timestamp"]!, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal);
}
