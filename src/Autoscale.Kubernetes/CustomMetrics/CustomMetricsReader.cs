using System.Text.Json;

namespace Autoscale.Kubernetes.CustomMetrics;

/// <summary>
/// GETs through a KubernetesClient's own HttpClient, base URI and credentials (so its handlers, TLS and token apply)
/// for what its typed client has no call for — above all custom.metrics.k8s.io, read through the API server's
/// aggregation layer. Not retried. A transport failure throws <see cref="HttpRequestException"/>.
/// </summary>
/// <param name="prepare">Marks each request (e.g. an option the client's own handlers read); none by default.</param>
public sealed class CustomMetricsReader(k8s.Kubernetes client, Action<HttpRequestMessage>? prepare = null)
{
    /// <summary>One GET of <paramref name="path"/>: the status, the body, and for any status but 2xx the API's message.</summary>
    public async Task<ApiAnswer> GetAsync(string path, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(client.BaseUri, path.TrimStart('/')));
        request.Headers.Accept.ParseAdd("application/json");
        prepare?.Invoke(request);
        if (client.Credentials is { } credentials)
        {
            await credentials.ProcessHttpRequestAsync(request, cancellationToken).ConfigureAwait(false);
        }

        using var response = await client.HttpClient.SendAsync(request, HttpCompletionOption.ResponseContentRead, cancellationToken).ConfigureAwait(false);
        var body = await response.Content.ReadAsByteArrayAsync(cancellationToken).ConfigureAwait(false);
        // A Status message, else the body: the aggregator answers an unavailable APIService in plain text.
        var error = response.IsSuccessStatusCode ? null : StatusMessage(body) ?? Text(body) ?? response.ReasonPhrase ?? "";
        return new ApiAnswer((int)response.StatusCode, body, error);
    }

    /// <summary>A MetricValueList at <paramref name="path"/> (<see cref="CustomMetricsPaths"/>).</summary>
    public async Task<MetricsAnswer> ReadAsync(string path, CancellationToken cancellationToken)
    {
        var answer = await GetAsync(path, cancellationToken).ConfigureAwait(false);
        if (answer.Error is not null)
        {
            return new MetricsAnswer(answer.Code, null, answer.Error);
        }

        return MetricValueList.Parse(answer.Body) is { } items
            ? new MetricsAnswer(answer.Code, items, null)
            : new MetricsAnswer(answer.Code, null, "the answer is not a MetricValueList");
    }

    private static string? StatusMessage(byte[] body)
    {
        try
        {
            using var document = JsonDocument.Parse(body);
            return document.RootElement.ValueKind == JsonValueKind.Object
                && document.RootElement.TryGetProperty("message", out var message) && message.ValueKind == JsonValueKind.String
                ? message.GetString()
                : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static string? Text(byte[] body) => System.Text.Encoding.UTF8.GetString(body).Trim() is { Length: > 0 } text ? text : null;
}
