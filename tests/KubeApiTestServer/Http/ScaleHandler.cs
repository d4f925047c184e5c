using System.Text.Json.Nodes;
using Autoscale.Kubernetes;
using Autoscale.Testing.KubeApi.Catalog;
using Autoscale.Testing.KubeApi.Patching;
using Autoscale.Testing.KubeApi.Store;
using k8s;
using k8s.Models;

namespace Autoscale.Testing.KubeApi.Http;

/// <summary>
/// The <c>scale</c> subresource: an autoscaling/v1 Scale view of spec.replicas, status.replicas and the selector,
/// as the HPA controller and <c>kubectl scale</c> use it. Built-in kinds format their <c>spec.selector</c>; a custom
/// resource reads the three fields at the paths its CRD declares (<see cref="CustomScale"/>), as apiextensions does.
/// </summary>
internal static class ScaleHandler
{
    public static async Task HandleAsync(ServerState state, ResourceRequest request)
    {
        var method = request.Http.Method;
        if (method == "GET")
        {
            var obj = state.Store.Get(request.Type, request.Namespace, request.Name) ?? throw StatusException.NotFound(request.Type, request.Name);
            await JsonResponses.WriteAsync(request.Context, 200, ToScale(request.Type, obj));
            return;
        }

        if (method is not ("PUT" or "PATCH"))
        {
            throw StatusException.MethodNotSupported("scale", method);
        }

        var body = await JsonResponses.ReadBodyAsync(request.Context);
        var mediaType = (request.Http.ContentType ?? "").Split(';')[0].Trim();
        var (stored, _) = state.Store.Write(request.Type, request.Namespace, request.Name, current =>
        {
            if (current is null)
            {
                throw StatusException.NotFound(request.Type, request.Name);
            }

            var scale = ToScale(request.Type, current);
            var desired = method == "PUT" ? body
                : mediaType == "application/json-patch+json" && body is JsonArray ops ? JsonPatch.Apply(scale, ops)
                : MergePatch.Apply(scale, body);
            var requestedVersion = desired?["metadata"]?["resourceVersion"]?.ToString();
            if (!string.IsNullOrEmpty(requestedVersion) && requestedVersion != ObjectMeta.ResourceVersion(current))
            {
                throw StatusException.Conflict(request.Type, request.Name);
            }

            var replicas = desired?["spec"]?["replicas"]?.GetValue<int>() ?? 0;
            if (replicas < 0)
            {
                throw new StatusException(422, "Invalid", $"Scale.autoscaling \"{request.Name}\" is invalid: spec.replicas: Invalid value: {replicas}: must be greater than or equal to 0");
            }

            SetInt(current, request.Type.Scale is { } custom ? CustomScale.Segments(custom.SpecReplicasPath) : ["spec", "replicas"], replicas);
            ObjectShape.RecordManager(current, request.Type, ObjectShape.FieldManager(request.Http), "Update", "scale", state.Time);
            return current;
        });
        await JsonResponses.WriteAsync(request.Context, 200, ToScale(request.Type, stored));
    }

    private static JsonObject ToScale(ResourceType type, JsonObject obj)
    {
        var meta = ObjectMeta.Of(obj);
        var (spec, status, selector) = type.Scale is { } custom ? Custom(custom, obj, meta["name"]?.ToString() ?? "") : BuiltIn(obj);
        return new JsonObject
        {
            ["kind"] = "Scale",
            ["apiVersion"] = "autoscaling/v1",
            ["metadata"] = new JsonObject
            {
                ["name"] = meta["name"]?.DeepClone(),
                ["namespace"] = meta["namespace"]?.DeepClone(),
                ["uid"] = meta["uid"]?.DeepClone(),
                ["resourceVersion"] = meta["resourceVersion"]?.DeepClone(),
                ["creationTimestamp"] = meta["creationTimestamp"]?.DeepClone(),
            },
            ["spec"] = new JsonObject { ["replicas"] = spec },
            ["status"] = new JsonObject { ["replicas"] = status, ["selector"] = selector },
        };
    }

    // The selector's canonical text, as the scale subresource writes it (metav1.LabelSelectorAsSelector(...).String()).
    private static string Selector(JsonObject? selector) =>
        selector is null ? "" : LabelSelector.From(KubernetesJson.Deserialize<V1LabelSelector>(selector.ToJsonString()))?.ToString() ?? "";

    // An unset spec.replicas means 1, the apps/v1 default.
    private static (int Spec, int Status, string Selector) BuiltIn(JsonObject obj) => (
        obj["spec"]?["replicas"]?.GetValue<int>() ?? 1,
        obj["status"]?["replicas"]?.GetValue<int>() ?? 0,
        Selector(obj["spec"]?["selector"] as JsonObject));

    // The CRD contract: no value at specReplicasPath is an error; status replicas default to 0, the selector to "".
    private static (int Spec, int Status, string Selector) Custom(CustomScale scale, JsonObject obj, string name) => (
        At(obj, CustomScale.Segments(scale.SpecReplicasPath))?.GetValue<int>()
            ?? throw new StatusException(500, "InternalError", $"Internal error occurred: the spec replicas field \"{scale.SpecReplicasPath}\" does not exist in {name}"),
        At(obj, CustomScale.Segments(scale.StatusReplicasPath))?.GetValue<int>() ?? 0,
        scale.LabelSelectorPath is { } path && At(obj, CustomScale.Segments(path)) is JsonValue value && value.TryGetValue<string>(out var text) ? text : "");

    private static JsonNode? At(JsonObject obj, string[] segments)
    {
        JsonNode? node = obj;
        foreach (var segment in segments)
        {
            node = (node as JsonObject)?[segment];
        }

        return node;
    }

    private static void SetInt(JsonObject obj, string[] segments, int value)
    {
        var parent = obj;
        foreach (var segment in segments[..^1])
        {
            if (parent[segment] is not JsonObject child)
            {
                child = [];
                parent[segment] = child;
            }

            parent = child;
        }

        parent[segments[^1]] = value;
    }
}
