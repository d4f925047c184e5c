using Autoscale.Kubernetes;
using Autoscale.Testing.KubeApi.Catalog;
using Microsoft.AspNetCore.Http;

namespace Autoscale.Testing.KubeApi.Http;

/// <summary>A resource request resolved against the catalog: which type, namespace and object it addresses.</summary>
internal sealed record ResourceRequest(HttpContext Context, RequestInfo Info, ResourceType Type, string Namespace)
{
    public HttpRequest Http => Context.Request;

    public string Name => Info.Parts.Count >= 2 ? Info.Parts[1] : "";

    public bool IsCollection => Info.Parts.Count == 1;

    public string? Query(string key) => Http.Query.TryGetValue(key, out var value) ? value.ToString() : null;

    public static ResourceRequest Resolve(HttpContext context, ServerState state)
    {
        var info = (RequestInfo)context.Items[Gateway.InfoKey]!;
        if (!info.IsResourceRequest || info.Parts.Count is 0 or > 3
            || state.Catalog.Find(info.ApiGroup, info.ApiVersion, info.Resource) is not { } type)
        {
            throw StatusException.PathNotFound();
        }

        // "namespaces/foo" names the namespace object itself; RequestInfo reports it as its own namespace too.
        var inNamespacePath = info.Namespace.Length > 0 && info.Resource != "namespaces";
        if (type.Namespaced != inNamespacePath && !(type.Namespaced && info.Parts.Count == 1 && info.Namespace.Length == 0))
        {
            throw StatusException.PathNotFound();
        }

        return new ResourceRequest(context, info, type, type.Namespaced ? info.Namespace : "");
    }
}
