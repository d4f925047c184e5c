using Autoscale.ScaleController.Kube;

namespace Autoscale.ScaleController.Watch.CustomMetrics;

/// <summary>
/// One GET of a custom.metrics.k8s.io path through the API server's aggregation layer, with the controller's own
/// KubernetesClient (its HttpClient, base URI and credentials, so the same handlers, TLS and token apply):
/// KubernetesClient has no typed custom-metrics client. Not retried: a failed read means no sample this round.
/// </summary>
internal static class MetricsApiGet
{
    /// <summary>The body of a 200, or null with the bounded outcome (<see cref="MetricReadOutcome"/>) of any other status.</summary>
    public static async Task<(byte[]? Body, string Outcome)> SendAsync(k8s.Kubernetes client, string path, CancellationToken cancellationToken)
    {
        using var response = await PlainGet.SendAsync(client, path, cancellationToken).ConfigureAwait(false);
        if (!response.IsSuccessStatusCode)
        {
            return (null, MetricReadOutcome.FromStatus((int)response.StatusCode));
        }

        return (await response.Content.ReadAsByteArrayAsync(cancellationToken).ConfigureAwait(false), MetricReadOutcome.Ok);
    }
}
