using System.Collections.Concurrent;
using System.Globalization;
using System.Text.Json.Nodes;
using Autoscale.Kubernetes;
using Autoscale.Testing.KubeApi;
using k8s.Models;

namespace Autoscale.ScaleController.Tests.Watch.Demand;

/// <summary>
/// The metrics adapter as the backend of the custom.metrics.k8s.io APIService on the Kubernetes API test server:
/// answers <c>namespaces/{ns}/pods/*/{metric}?labelSelector=…</c> with a v1beta2 MetricValueList of the values the test
/// set for the pods that selector selects in the server's store (pods without a value for the metric are left out, as
/// the adapter leaves out loading pods), stamped <see cref="Timestamp"/>; a metric no pod has is 404 with the adapter's
/// Status message.
/// </summary>
internal sealed class PodMetricsAdapter(KubeApiTestServer server)
{
    private readonly ConcurrentDictionary<(string Pod, string Metric), double> _values = new();
    private int _hits;

    public int Hits => Volatile.Read(ref _hits);

    /// <summary>The samples' time; the real clock when null.</summary>
    public DateTimeOffset? Timestamp { get; set; }

    public static string Group => "custom.metrics.k8s.io";

    public void Register() => server.AddApiService(Group, "v1beta2", Handle);

    public void Set(string pod, string metric, double value) => _values[(pod, metric)] = value;

    public void Clear(string metric)
    {
        foreach (var key in _values.Keys.Where(k => k.Metric == metric))
        {
            _values.TryRemove(key, out _);
        }
    }

    private ApiServiceResponse Handle(ApiServiceRequest request)
    {
        Interlocked.Increment(ref _hits);
        if (request is not { Resource: "pods", Name: "*", Subresource.Length: > 0 })
        {
            return NotFound($"the server could not find the requested resource");
        }

        var metric = request.Subresource;
        var selector = LabelSelector.Parse(request.LabelSelector);
        var items = new JsonArray();
        var stamp = (Timestamp ?? TimeProvider.System.GetUtcNow()).UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture);
        foreach (var pod in server.List<V1Pod>(request.Namespace).OrderBy(p => p.Metadata.Name, StringComparer.Ordinal))
        {
            var labels = (IReadOnlyDictionary<string, string>?)pod.Metadata.Labels ?? new Dictionary<string, string>();
            if (selector.Matches(labels) && _values.TryGetValue((pod.Metadata.Name, metric), out var value))
            {
                items.Add(new JsonObject
                {
                    ["describedObject"] = new JsonObject { ["kind"] = "Pod", ["namespace"] = request.Namespace, ["name"] = pod.Metadata.Name, ["apiVersion"] = "/v1" },
                    ["metric"] = new JsonObject { ["name"] = metric, ["selector"] = null },
                    ["timestamp"] = stamp,
                    ["windowSeconds"] = 60,
                    ["value"] = Quantity.FormatMilli(value),
                });
            }
        }

        if (items.Count == 0 && !_values.Keys.Any(k => k.Metric == metric))
        {
            return NotFound($"the server could not find the metric {metric} for pods");
        }

        var list = new JsonObject { ["kind"] = "MetricValueList", ["apiVersion"] = "custom.metrics.k8s.io/v1beta2", ["metadata"] = new JsonObject(), ["items"] = items };
        return new ApiServiceResponse(200, list.ToJsonString());
    }

    private static ApiServiceResponse NotFound(string message) => new(404, new JsonObject
    {
        ["kind"] = "Status",
        ["apiVersion"] = "v1",
        ["metadata"] = new JsonObject(),
        ["status"] = "Failure",
        ["message"] = message,
        ["reason"] = "NotFound",
        ["code"] = 404,
    }.ToJsonString());
}
