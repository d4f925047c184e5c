using System.Globalization;
using k8s.Models;

namespace Autoscale.MetricsAdapter.Sources.Targets;

/// <summary>
/// Where a pod serves its metrics: the <c>prometheus.io/port</c>, <c>/path</c> and <c>/scheme</c> annotations, else the
/// container port named <c>metrics</c> (or <c>http</c> for inference servers), else the given default port and path.
/// </summary>
internal static class PodEndpoint
{
    public const string PortAnnotation = "prometheus.io/port";
    public const string PathAnnotation = "prometheus.io/path";
    public const string SchemeAnnotation = "prometheus.io/scheme";

    /// <summary>Null when the pod has no IP yet (not scheduled or not started) or it has finished.</summary>
    public static Uri? Url(V1Pod pod, IReadOnlyList<string> portNames, int defaultPort, string defaultPath)
    {
        if (pod.Status?.PodIP is not { Length: > 0 } ip || PodStates.IsFinished(pod))
        {
            return null;
        }

        var annotations = pod.Metadata?.Annotations;
        var port = Annotation(annotations, PortAnnotation) is { } text && int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var annotated) && annotated is > 0 and < 65536
            ? annotated
            : NamedPort(pod, portNames) ?? defaultPort;
        var path = Annotation(annotations, PathAnnotation) ?? defaultPath;
        var scheme = Annotation(annotations, SchemeAnnotation) is "https" ? "https" : "http";
        var host = ip.Contains(':', StringComparison.Ordinal) ? $"[{ip}]" : ip;
        return Uri.TryCreate($"{scheme}://{host}:{port.ToString(CultureInfo.InvariantCulture)}{(path.StartsWith('/') ? path : "/" + path)}", UriKind.Absolute, out var url)
            ? url
            : null;
    }

    private static string? Annotation(IDictionary<string, string>? annotations, string key) =>
        annotations is not null && annotations.TryGetValue(key, out var value) && !string.IsNullOrWhiteSpace(value) ? value.Trim() : null;

    /// <summary>The first container port with one of the names, in name order (so <c>metrics</c> beats <c>http</c>).</summary>
    private static int? NamedPort(V1Pod pod, IReadOnlyList<string> names)
    {
        foreach (var name in names)
        {
            foreach (var container in pod.Spec?.Containers ?? [])
            {
                foreach (var port in container.Ports ?? [])
                {
                    if (port.Name == name && port.ContainerPort > 0)
                    {
                        return port.ContainerPort;
                    }
                }
            }
        }

        return null;
    }
}
