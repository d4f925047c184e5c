namespace Autoscale.Kubernetes.CustomMetrics;

/// <summary>
/// custom.metrics.k8s.io paths, relative to the API server, as the HPA controller asks them: a pod metric of the pods
/// a selector selects (<c>…/namespaces/{ns}/pods/*/{metric}?labelSelector=…</c>) and an object metric
/// (<c>…/namespaces/{ns}/{resource.group}/{name}/{metric}</c>), each optionally with a <c>metricLabelSelector</c>.
/// </summary>
public static class CustomMetricsPaths
{
    public const string Group = "custom.metrics.k8s.io";
    public const string Version = "v1beta2";

    public static string Pods(string ns, string metric, string podSelector, string? metricSelector = null) =>
        $"apis/{Group}/{Version}/namespaces/{Uri.EscapeDataString(ns)}/pods/*/{Uri.EscapeDataString(metric)}?labelSelector={Uri.EscapeDataString(podSelector)}"
        + (metricSelector is { Length: > 0 } m ? $"&metricLabelSelector={Uri.EscapeDataString(m)}" : "");

    /// <param name="resource">The resource as the metrics API names it, <c>deployments.apps</c> (see <see cref="Resource"/>).</param>
    public static string Object(string ns, string resource, string name, string metric, string? metricSelector = null) =>
        $"apis/{Group}/{Version}/namespaces/{Uri.EscapeDataString(ns)}/{resource}/{Uri.EscapeDataString(name)}/{Uri.EscapeDataString(metric)}"
        + (metricSelector is { Length: > 0 } m ? $"?metricLabelSelector={Uri.EscapeDataString(m)}" : "");

    /// <summary><c>plural.group</c> of a kind (<c>Deployment</c>, <c>apps/v1</c> → <c>deployments.apps</c>; core kinds have no group).</summary>
    public static string Resource(string kind, string? apiVersion)
    {
        var lower = kind.ToLowerInvariant();
        var plural = lower.EndsWith('s') ? lower + "es" : lower.EndsWith('y') ? lower[..^1] + "ies" : lower + "s";
        var slash = apiVersion?.IndexOf('/', StringComparison.Ordinal) ?? -1;
        return slash > 0 ? $"{plural}.{apiVersion![..slash]}" : plural;
    }
}
