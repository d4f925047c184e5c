using System.Net.Http.Headers;
using System.Text.Json.Nodes;
using Autoscale.Kubernetes;

namespace Autoscale.MetricsAdapter.Preflight;

/// <summary>
/// Reads one adapter's custom.metrics.k8s.io directly (a port-forward to its Service): discovery, and the value of a
/// pod metric for every pod in a namespace. The same GETs the HPA controller makes through the aggregator.
/// </summary>
internal sealed class AdapterReader(HttpClient http, Uri baseAddress, string apiVersion)
{
    private string Prefix => $"/apis/custom.metrics.k8s.io/{apiVersion}";

    public Uri BaseAddress => baseAddress;

    public static HttpClient CreateHttpClient(string? token, bool insecureSkipTlsVerify)
    {
        var handler = new SocketsHttpHandler { ConnectTimeout = TimeSpan.FromSeconds(10) };
        if (insecureSkipTlsVerify)
        {
            // Only on request: a port-forward reaches the adapter at 127.0.0.1, a name its serving certificate lacks.
            handler.SslOptions.RemoteCertificateValidationCallback = (_, _, _, _) => true;
        }

        var http = new HttpClient(handler) { Timeout = TimeSpan.FromSeconds(30) };
        if (!string.IsNullOrEmpty(token))
        {
            http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }

        http.DefaultRequestHeaders.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
        return http;
    }

    /// <summary>The resource names discovery lists (<c>pods/vllm_queue_depth</c>, <c>namespaces/…</c>, …).</summary>
    /// <exception cref="AdapterReadException">The adapter does not answer discovery with a resource list.</exception>
    public async Task<IReadOnlySet<string>> DiscoverAsync(CancellationToken cancellationToken)
    {
        var (status, body) = await GetAsync(Prefix, cancellationToken).ConfigureAwait(false);
        if (status != 200 || body?["resources"] is not JsonArray resources)
        {
            throw new AdapterReadException($"{baseAddress}: GET {Prefix} answered {status}{Message(body)}");
        }

        return resources.Select(r => (string?)r?["name"]).OfType<string>().ToHashSet(StringComparer.Ordinal);
    }

    /// <summary>Each pod's value of a pod metric in a namespace, or why there is none.</summary>
    public async Task<MetricValues> PodValuesAsync(string ns, string metric, string? labelSelector, CancellationToken cancellationToken)
    {
        var path = $"{Prefix}/namespaces/{Uri.EscapeDataString(ns)}/pods/*/{Uri.EscapeDataString(metric)}";
        if (!string.IsNullOrEmpty(labelSelector))
        {
            path += "?labelSelector=" + Uri.EscapeDataString(labelSelector);
        }

        var (status, body) = await GetAsync(path, cancellationToken).ConfigureAwait(false);
        if (status != 200 || body?["items"] is not JsonArray items)
        {
            return MetricValues.Failed($"{status}{Message(body)}");
        }

        var values = new Dictionary<string, double>(StringComparer.Ordinal);
        foreach (var item in items)
        {
            var pod = (string?)item?["describedObject"]?["name"];
            var text = (string?)item?["value"];
            if (pod is not null && text is not null && Quantity.TryParseMilli(text, out var milli))
            {
                values[pod] = milli / 1000.0;
            }
        }

        return MetricValues.Of(values);
    }

    private async Task<(int Status, JsonNode? Body)> GetAsync(string path, CancellationToken cancellationToken)
    {
        try
        {
            using var response = await http.GetAsync(new Uri(baseAddress, path), cancellationToken).ConfigureAwait(false);
            var text = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
            JsonNode? body;
            try
            {
                body = JsonNode.Parse(text);
            }
            catch (System.Text.Json.JsonException)
            {
                body = null;
            }

            return ((int)response.StatusCode, body);
        }
        catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException)
        {
            throw new AdapterReadException($"{baseAddress}: GET {path}: {ex.Message}", ex);
        }
    }

    /// <summary>A Status reply's message (": the server could not find …"), or nothing.</summary>
    private static string Message(JsonNode? body) =>
        body is JsonObject o && (string?)o["kind"] == "Status" && (string?)o["message"] is { Length: > 0 } message ? $": {message}" : "";
}
