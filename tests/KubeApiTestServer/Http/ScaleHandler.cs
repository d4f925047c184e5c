using System.Text.Json.Nodes;
using Autoscale.Testing.KubeApi.Patching;
using Autoscale.Testing.KubeApi.Selectors;
using Autoscale.Testing.KubeApi.Store;

namespace Autoscale.Testing.KubeApi.Http;

/// <summary>
/// The <c>scale</c> subresource: an autoscaling/v1 Scale view of spec.replicas, status.replicas and the selector,
/// as the HPA controller and <c>kubectl scale</c> use it.
/// </summary>
internal static class ScaleHandler
{
    public static async Task HandleAsync(ServerState state, ResourceRequest request)
    {
        var method = request.Http.Method;
        if (method == "GET")
        {
            var obj = state.Store.Get(request.Type, request.Namespace, request.Name) ?? throw StatusException.NotFound(request.Type, request.Name);
            await JsonResponses.WriteAsync(request.Context, 200, ToScale(obj));
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

            var scale = ToScale(current);
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

            var spec = current["spec"] as JsonObject ?? [];
            current["spec"] = spec;
            spec["replicas"] = replicas;
            ObjectShape.RecordManager(current, request.Type, ObjectShape.FieldManager(request.Http), "Update", "scale", state.Time);
            return current;
        });
        await JsonResponses.WriteAsync(request.Context, 200, ToScale(stored));
    }

    private static JsonObject ToScale(JsonObject obj)
    {
        var meta = ObjectMeta.Of(obj);
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
            // An unset spec.replicas means 1, the apps/v1 default.
            ["spec"] = new JsonObject { ["replicas"] = obj["spec"]?["replicas"]?.GetValue<int>() ?? 1 },
            ["status"] = new JsonObject
            {
                ["replicas"] = obj["status"]?["replicas"]?.GetValue<int>() ?? 0,
                ["selector"] = SelectorText.Format(obj["spec"]?["selector"] as JsonObject),
            },
        };
    }
}
