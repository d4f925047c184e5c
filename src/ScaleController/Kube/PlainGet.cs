namespace Autoscale.ScaleController.Kube;

/// <summary>
/// A plain GET through the controller's KubernetesClient — its HttpClient, handlers, TLS and credentials — for the
/// reads its typed client has no call for (discovery of any group, a custom object and its /scale, custom metrics).
/// Not retried: these are per-round reads, and the next round asks again.
/// </summary>
internal static class PlainGet
{
    public static async Task<HttpResponseMessage> SendAsync(k8s.Kubernetes client, string path, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(client.BaseUri, path));
        request.Headers.Accept.ParseAdd("application/json");
        NotRetried(request);
        if (client.Credentials is { } credentials)
        {
            await credentials.ProcessHttpRequestAsync(request, cancellationToken).ConfigureAwait(false);
        }

        return await client.HttpClient.SendAsync(request, HttpCompletionOption.ResponseContentRead, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Marks a request for the client's retry handler to leave alone (per-round reads; custom metrics too).</summary>
    public static void NotRetried(HttpRequestMessage request) => request.Options.Set(KubeClientFactory.NoRetry, true);
}
