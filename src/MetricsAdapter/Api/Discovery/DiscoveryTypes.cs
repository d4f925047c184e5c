using System.Text.Json.Serialization;

namespace Autoscale.MetricsAdapter.Api.Discovery;

// The legacy discovery documents (metav1.APIGroupList, APIGroup, APIResourceList) in upstream's field order.

internal sealed record GroupVersionForDiscovery(
    [property: JsonPropertyName("groupVersion")] string GroupVersion,
    [property: JsonPropertyName("version")] string Version);

internal sealed record ApiGroup(
    [property: JsonPropertyName("name"), JsonPropertyOrder(2)] string Name,
    [property: JsonPropertyName("versions"), JsonPropertyOrder(3)] IReadOnlyList<GroupVersionForDiscovery> Versions,
    [property: JsonPropertyName("preferredVersion"), JsonPropertyOrder(4)] GroupVersionForDiscovery PreferredVersion)
{
    [JsonPropertyName("kind"), JsonPropertyOrder(0)] public string Kind => "APIGroup";
    [JsonPropertyName("apiVersion"), JsonPropertyOrder(1)] public string ApiVersion => "v1";
}

internal sealed record ApiGroupList([property: JsonPropertyName("groups"), JsonPropertyOrder(2)] IReadOnlyList<ApiGroup> Groups)
{
    [JsonPropertyName("kind"), JsonPropertyOrder(0)] public string Kind => "APIGroupList";
    [JsonPropertyName("apiVersion"), JsonPropertyOrder(1)] public string ApiVersion => "v1";
}

internal sealed record ApiResource(
    [property: JsonPropertyName("name")] string Name,
    [property: JsonPropertyName("singularName")] string SingularName,
    [property: JsonPropertyName("namespaced")] bool Namespaced,
    [property: JsonPropertyName("kind")] string Kind,
    [property: JsonPropertyName("verbs")] IReadOnlyList<string> Verbs);

internal sealed record ApiResourceList(
    [property: JsonPropertyName("groupVersion"), JsonPropertyOrder(2)] string GroupVersion,
    [property: JsonPropertyName("resources"), JsonPropertyOrder(3)] IReadOnlyList<ApiResource> Resources)
{
    [JsonPropertyName("kind"), JsonPropertyOrder(0)] public string Kind => "APIResourceList";
    [JsonPropertyName("apiVersion"), JsonPropertyOrder(1)] public string ApiVersion => "v1";
}
