using Autoscale.Kubernetes;

namespace Autoscale.MetricsAdapter.Sources.Prometheus.Rules;

/// <summary>
/// The resources a label can name, singular and plural, with their API group: a fixed stand-in for the RESTMapper
/// prometheus-adapter consults (labels naming anything else, like <c>container</c> or <c>instance</c>, map to nothing).
/// </summary>
internal static class ResourceNames
{
    private static readonly (string Singular, string Plural, string Group)[] Known =
    [
        ("pod", "pods", ""), ("namespace", "namespaces", ""), ("node", "nodes", ""), ("service", "services", ""),
        ("persistentvolume", "persistentvolumes", ""), ("persistentvolumeclaim", "persistentvolumeclaims", ""),
        ("deployment", "deployments", "apps"), ("statefulset", "statefulsets", "apps"), ("replicaset", "replicasets", "apps"),
        ("daemonset", "daemonsets", "apps"), ("job", "jobs", "batch"), ("cronjob", "cronjobs", "batch"),
        ("ingress", "ingresses", "networking.k8s.io"),
    ];

    /// <summary>
    /// <c>pod</c>, <c>pods</c>, <c>Pod</c> → pods; an explicit group is kept (<c>extensions</c>/<c>deployment</c> →
    /// deployments.extensions). Null for an unknown resource.
    /// </summary>
    public static GroupResource? Normalize(string resource, string? group)
    {
        foreach (var (singular, plural, knownGroup) in Known)
        {
            if (string.Equals(resource, singular, StringComparison.OrdinalIgnoreCase)
                || string.Equals(resource, plural, StringComparison.OrdinalIgnoreCase))
            {
                return new GroupResource(string.IsNullOrEmpty(group) || group == "core" ? knownGroup : group, plural);
            }
        }

        return null;
    }

    /// <summary>The singular a resource template is executed with (<c>kube_&lt;&lt;.Resource&gt;&gt;</c> → <c>kube_pod</c>).</summary>
    public static string Singular(GroupResource resource)
    {
        foreach (var (singular, plural, _) in Known)
        {
            if (string.Equals(resource.Resource, plural, StringComparison.Ordinal))
            {
                return singular;
            }
        }

        return resource.Resource.EndsWith('s') ? resource.Resource[..^1] : resource.Resource;
    }

    /// <summary>Same resource, a group left empty matching any (a request for <c>deployments</c> finds the apps mapping).</summary>
    public static bool SameResource(GroupResource a, GroupResource b) =>
        string.Equals(a.Resource, b.Resource, StringComparison.Ordinal)
        && (a.Group.Length == 0 || b.Group.Length == 0 || string.Equals(a.Group, b.Group, StringComparison.Ordinal));
}
