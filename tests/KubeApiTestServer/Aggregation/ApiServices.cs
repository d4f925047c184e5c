using System.Text.Json.Nodes;
using Autoscale.Testing.KubeApi.Catalog;
using Autoscale.Testing.KubeApi.Http;

namespace Autoscale.Testing.KubeApi.Aggregation;

/// <summary>The APIService objects in the store, as the aggregator's lister sees them.</summary>
internal static class ApiServices
{
    public static ResourceType Type(ServerState state) => state.Catalog.Find("apiregistration.k8s.io", "v1", "apiservices")!;

    public static IEnumerable<ApiServiceRecord> All(ServerState state) =>
        state.Store.List(Type(state), null).Items.Select(ApiServiceRecord.From);

    /// <summary>The APIService serving <c>/apis/{group}/{version}[/…]</c>; null for any other path or an unknown group version.</summary>
    public static ApiServiceRecord? ForPath(ServerState state, string path)
    {
        var parts = path.Split('/', StringSplitOptions.RemoveEmptyEntries);
        if (parts.Length < 3 || parts[0] != "apis")
        {
            return null;
        }

        return state.Store.Get(Type(state), "", $"{parts[2]}.{parts[1]}") is JsonObject json ? ApiServiceRecord.From(json) : null;
    }
}
