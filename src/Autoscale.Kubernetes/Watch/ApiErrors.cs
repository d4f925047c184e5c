using System.Globalization;
using System.Net;
using k8s;
using k8s.Autorest;

namespace Autoscale.Kubernetes.Watch;

/// <summary>Reads what a failed list or watch means: resourceVersion too old (relist) and how long to wait.</summary>
internal static class ApiErrors
{
    /// <summary>410 Gone / reason Expired, whether as a watch ERROR event or as an HTTP status.</summary>
    public static bool IsExpired(Exception? error) => error switch
    {
        KubernetesException { Status: { } status } => status.Code == 410 || status.Reason is "Expired" or "Gone",
        HttpOperationException { Response: { } response } => response.StatusCode == HttpStatusCode.Gone,
        _ => false,
    };

    /// <summary>The server's Retry-After (header, or the Status's details.retryAfterSeconds), if any.</summary>
    public static TimeSpan? RetryAfter(Exception error)
    {
        if (error is KubernetesException { Status.Details.RetryAfterSeconds: > 0 and var seconds })
        {
            return TimeSpan.FromSeconds(seconds);
        }

        if (error is HttpOperationException { Response: { } response }
            && response.Headers.TryGetValue("Retry-After", out var values)
            && int.TryParse(values.FirstOrDefault(), NumberStyles.None, CultureInfo.InvariantCulture, out var header))
        {
            return TimeSpan.FromSeconds(header);
        }

        return null;
    }

    /// <summary>A short description for logs: the HTTP status or Status code when known.</summary>
    public static string Describe(Exception error) => error switch
    {
        HttpOperationException { Response: { } response } => $"HTTP {(int)response.StatusCode}",
        KubernetesException { Status: { } status } => $"{status.Code} {status.Reason}: {status.Message}",
        _ => error.GetType().Name + ": " + error.Message,
    };
}
