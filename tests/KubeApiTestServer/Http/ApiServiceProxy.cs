using Autoscale.Kubernetes;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;

namespace Autoscale.Testing.KubeApi.Http;

/// <summary>
/// The kube-aggregator's part: a request under <c>/apis/{group}/{version}</c> of a registered APIService goes to its
/// backend once the gateway has authenticated, recorded and authorized it, and the backend's answer is passed back
/// as is. A backend that fails answers 503, as an APIService without an available endpoint does.
/// </summary>
internal static class ApiServiceProxy
{
    public static bool Handles(ServerState state, string group, string version) => state.ApiServices.ContainsKey((group, version));

    public static async Task HandleAsync(HttpContext context, ServerState state, string group, string version)
    {
        var info = (RequestInfo)context.Items[Gateway.InfoKey]!;
        var backend = state.ApiServices[(group, version)];
        var prefix = $"/apis/{group}/{version}";
        var path = info.Path.Length > prefix.Length ? info.Path[prefix.Length..] : "/";
        var request = new ApiServiceRequest(
            path,
            context.Request.Query.ToDictionary(q => q.Key, q => q.Value.ToString(), StringComparer.Ordinal),
            (context.Items[Gateway.UserKey] as KubeUser)?.Name ?? "",
            info.Namespace,
            info.Resource,
            info.Name,
            info.Subresource);
        ApiServiceResponse response;
        try
        {
            response = backend(request);
        }
        catch (Exception error) when (error is not OperationCanceledException)
        {
            throw new StatusException(503, "ServiceUnavailable", $"error trying to reach service: {error.Message}");
        }

        await JsonResponses.WriteAsync(context, response.StatusCode, JsonNode.Parse(response.Json) ?? new JsonObject());
    }
}
