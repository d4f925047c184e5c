using System.Collections.Concurrent;

namespace Autoscale.Testing.KubeApi.Catalog;

/// <summary>
/// The resources the server knows. Built-in ones are listed in discovery; others are learned when a test seeds an
/// object of an unknown kind, so custom resources work without registration.
/// </summary>
internal sealed class ResourceCatalog
{
    private readonly ConcurrentDictionary<(string Group, string Version, string Resource), ResourceType> _byResource = new();
    private readonly ConcurrentDictionary<(string Group, string Kind), ResourceType> _byKind = new();

    public ResourceCatalog()
    {
        foreach (var type in BuiltIn())
        {
            Add(type);
        }
    }

    public IEnumerable<ResourceType> All => _byResource.Values;

    public void Add(ResourceType type)
    {
        _byResource.TryAdd((type.Group, type.Version, type.Resource), type);
        _byKind.TryAdd((type.Group, type.Kind), type);
    }

    public ResourceType? Find(string group, string version, string resource) =>
        _byResource.TryGetValue((group, version, resource), out var type) ? type : null;

    public ResourceType? FindByKind(string group, string kind) =>
        _byKind.TryGetValue((group, kind), out var type) ? type : null;

    /// <summary>Finds or learns the resource of an object kind; the plural guess is what kubebuilder does.</summary>
    public ResourceType Resolve(string group, string version, string kind, string? plural, bool namespaced)
    {
        if (FindByKind(group, kind) is { } known)
        {
            return known;
        }

        var learned = new ResourceType(group, version, plural ?? Pluralize(kind), kind, namespaced, HasStatus: true);
        Add(learned);
        return learned;
    }

    private static string Pluralize(string kind)
    {
        var lower = kind.ToLowerInvariant();
        if (lower.EndsWith('s'))
        {
            return lower + "es";
        }

        return lower.EndsWith('y') ? lower[..^1] + "ies" : lower + "s";
    }

    private static IEnumerable<ResourceType> BuiltIn()
    {
        yield return new("", "v1", "pods", "Pod", true, HasStatus: true, ShortNames: ["po"]);
        yield return new("", "v1", "nodes", "Node", false, HasStatus: true, ShortNames: ["no"]);
        yield return new("", "v1", "namespaces", "Namespace", false, HasStatus: true, ShortNames: ["ns"]);
        yield return new("", "v1", "configmaps", "ConfigMap", true, ShortNames: ["cm"]);
        yield return new("", "v1", "secrets", "Secret", true);
        yield return new("", "v1", "events", "Event", true, ShortNames: ["ev"]);
        yield return new("", "v1", "services", "Service", true, HasStatus: true, ShortNames: ["svc"]);
        yield return new("", "v1", "endpoints", "Endpoints", true, ShortNames: ["ep"]);
        yield return new("", "v1", "serviceaccounts", "ServiceAccount", true, ShortNames: ["sa"]);
        yield return new("", "v1", "podtemplates", "PodTemplate", true);
        yield return new("apps", "v1", "deployments", "Deployment", true, true, true, ["deploy"]);
        yield return new("apps", "v1", "statefulsets", "StatefulSet", true, true, true, ["sts"]);
        yield return new("apps", "v1", "replicasets", "ReplicaSet", true, true, true, ["rs"]);
        yield return new("autoscaling", "v2", "horizontalpodautoscalers", "HorizontalPodAutoscaler", true, HasStatus: true, ShortNames: ["hpa"]);
        yield return new("coordination.k8s.io", "v1", "leases", "Lease", true);
        yield return new("events.k8s.io", "v1", "events", "Event", true, ShortNames: ["ev"]);
        yield return new("scheduling.k8s.io", "v1", "priorityclasses", "PriorityClass", false, ShortNames: ["pc"]);
        yield return new("discovery.k8s.io", "v1", "endpointslices", "EndpointSlice", true);
        yield return new("apiregistration.k8s.io", "v1", "apiservices", "APIService", false, HasStatus: true);
    }
}
