using Autoscale.Kubernetes;
using Microsoft.AspNetCore.Http;

namespace Autoscale.Testing.KubeApi.Http;

/// <summary>Routes a resource request to the handler for its verb and subresource (an aggregated group never gets here: <see cref="Aggregation.AggregatorProxy"/>).</summary>
internal sealed class ResourceEndpoint(ServerState state)
{
    public Task HandleAsync(HttpContext context)
    {
        var request = ResourceRequest.Resolve(context, state);
        var method = context.Request.Method;
        var info = request.Info;
        if (info.Verb == "watch" || (info.Verb == "get" && RequestInfo.IsTrue(request.Query("watch"))))
        {
            return new WatchHandler(state).HandleAsync(request);
        }

        var subresource = info.Parts.Count == 3 ? info.Parts[2] : "";
        return (subresource, method) switch
        {
            ("", "GET") when request.IsCollection => ReadHandler.ListAsync(state, request),
            ("", "GET") => ReadHandler.GetAsync(state, request),
            ("", "DELETE") when request.IsCollection => ReadHandler.DeleteCollectionAsync(state, request),
            ("", "DELETE") => ReadHandler.DeleteAsync(state, request),
            ("", "POST") when request.IsCollection => WriteHandler.CreateAsync(state, request),
            ("", "PUT") when !request.IsCollection => WriteHandler.UpdateAsync(state, request, ""),
            ("", "PATCH") when !request.IsCollection => WriteHandler.PatchAsync(state, request, ""),
            ("status", "GET") when request.Type.HasStatus => ReadHandler.GetAsync(state, request),
            ("status", "PUT") when request.Type.HasStatus => WriteHandler.UpdateAsync(state, request, "status"),
            ("status", "PATCH") when request.Type.HasStatus => WriteHandler.PatchAsync(state, request, "status"),
            ("scale", _) when request.Type.HasScale => ScaleHandler.HandleAsync(state, request),
            ("", _) => throw StatusException.MethodNotSupported(request.Type.Resource, info.Verb),
            _ => throw StatusException.PathNotFound(),
        };
    }
}
