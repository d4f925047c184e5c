using Autoscale.Kubernetes;

namespace Autoscale.MetricsAdapter.Sources.Prometheus.Rules;

/// <summary>
/// The RESTMapper prometheus-adapter consults: singular and plural names, group, kind and scope of every resource. It
/// starts with the built-in API of a current cluster (what <c>kubectl api-resources</c> lists without CRDs) and learns
/// the cluster's own resources, CRDs included, from API discovery (<see cref="Learn"/>, at each relist). A label names
/// a resource when its name is one of these, as the RESTMapper's <c>ResourceFor</c> resolves it (case-insensitive,
/// plural or singular, any group when none is given); labels naming anything else (<c>container</c>,
/// <c>instance</c>, <c>endpoint</c>) map to nothing, as there. One table per process, as upstream has one mapper.
/// </summary>
internal static class ResourceNames
{
    private static ApiResource[] _known = BuiltIn();

    /// <summary>Adds (or updates) what API discovery listed; built-in entries it does not list are kept.</summary>
    public static void Learn(IEnumerable<ApiResource> discovered)
    {
        var merged = Volatile.Read(ref _known).ToDictionary(r => (r.Group, r.Plural));
        foreach (var resource in discovered)
        {
            merged[(resource.Group, resource.Plural)] = resource;
        }

        // Core and the built-in groups first, so "deployment" resolves to apps before a CRD of the same name, as the
        // RESTMapper's group priority does.
        Volatile.Write(ref _known, [.. merged.Values.OrderBy(r => r.Group.Contains('.', StringComparison.Ordinal) ? 1 : 0).ThenBy(r => r.Group, StringComparer.Ordinal)]);
    }

    private static ApiResource[] BuiltIn() =>
    [
        new("pod", "pods", "", "Pod", true), new("namespace", "namespaces", "", "Namespace", false),
        new("node", "nodes", "", "Node", false), new("service", "services", "", "Service", true),
        new("endpoints", "endpoints", "", "Endpoints", true), new("configmap", "configmaps", "", "ConfigMap", true),
        new("secret", "secrets", "", "Secret", true), new("serviceaccount", "serviceaccounts", "", "ServiceAccount", true),
        new("persistentvolume", "persistentvolumes", "", "PersistentVolume", false),
        new("persistentvolumeclaim", "persistentvolumeclaims", "", "PersistentVolumeClaim", true),
        new("replicationcontroller", "replicationcontrollers", "", "ReplicationController", true),
        new("deployment", "deployments", "apps", "Deployment", true), new("statefulset", "statefulsets", "apps", "StatefulSet", true),
        new("replicaset", "replicasets", "apps", "ReplicaSet", true), new("daemonset", "daemonsets", "apps", "DaemonSet", true),
        new("job", "jobs", "batch", "Job", true), new("cronjob", "cronjobs", "batch", "CronJob", true),
        new("ingress", "ingresses", "networking.k8s.io", "Ingress", true),
        new("horizontalpodautoscaler", "horizontalpodautoscalers", "autoscaling", "HorizontalPodAutoscaler", true),
        new("poddisruptionbudget", "poddisruptionbudgets", "policy", "PodDisruptionBudget", true),
        new("storageclass", "storageclasses", "storage.k8s.io", "StorageClass", false),
    ];

    /// <summary>
    /// <c>pod</c>, <c>pods</c>, <c>Pod</c> → pods; an explicit group is kept (<c>extensions</c>/<c>deployment</c> →
    /// deployments.extensions). Null for an unknown resource.
    /// </summary>
    public static GroupResource? Normalize(string resource, string? group) =>
        Find(resource) is { } info ? new GroupResource(string.IsNullOrEmpty(group) || group == "core" ? info.Group : group, info.Plural) : null;

    /// <summary>Whether objects of the resource live in a namespace (the RESTMapper's scope); unknown ones are taken as namespaced.</summary>
    public static bool IsNamespaced(GroupResource resource) => Find(resource.Resource)?.Namespaced ?? true;

    /// <summary>The kind a <c>describedObject</c> names (<c>jobs.batch</c> → <c>Job</c>).</summary>
    public static string KindFor(GroupResource resource) => Find(resource.Resource)?.Kind ?? ObjectReference.KindFor(resource);

    /// <summary>The singular a resource template is executed with (<c>kube_&lt;&lt;.Resource&gt;&gt;</c> → <c>kube_pod</c>).</summary>
    public static string Singular(GroupResource resource) =>
        Find(resource.Resource)?.Singular ?? (resource.Resource.EndsWith('s') ? resource.Resource[..^1] : resource.Resource);

    /// <summary>Same resource, a group left empty matching any (a request for <c>deployments</c> finds the apps mapping).</summary>
    public static bool SameResource(GroupResource a, GroupResource b) =>
        string.Equals(a.Resource, b.Resource, StringComparison.Ordinal)
        && (a.Group.Length == 0 || b.Group.Length == 0 || string.Equals(a.Group, b.Group, StringComparison.Ordinal));

    private static ApiResource? Find(string resource)
    {
        foreach (var info in Volatile.Read(ref _known))
        {
            // The group does not narrow the match: an explicit one is kept as given (older clusters' extensions/deployments).
            if (string.Equals(resource, info.Singular, StringComparison.OrdinalIgnoreCase) || string.Equals(resource, info.Plural, StringComparison.OrdinalIgnoreCase))
            {
                return info;
            }
        }

        return null;
    }
}
