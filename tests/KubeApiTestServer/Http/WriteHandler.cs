using System.Text.Json.Nodes;
using Autoscale.Testing.KubeApi.Catalog;
using Autoscale.Testing.KubeApi.Patching;
using Autoscale.Testing.KubeApi.Store;

namespace Autoscale.Testing.KubeApi.Http;

/// <summary>create, update and patch (merge, strategic-as-merge, JSON patch, server-side apply), also on /status.</summary>
internal static class WriteHandler
{
    private const string GenerateNameAlphabet = "bcdfghjklmnpqrstvwxz2456789";

    public static async Task CreateAsync(ServerState state, ResourceRequest request)
    {
        var body = await ReadObjectAsync(request);
        var meta = ObjectMeta.Of(body);
        var name = ObjectMeta.Name(body);
        if (name.Length == 0 && meta["generateName"]?.ToString() is { Length: > 0 } prefix)
        {
            name = prefix + new string(Enumerable.Range(0, 5).Select(_ => GenerateNameAlphabet[Random.Shared.Next(GenerateNameAlphabet.Length)]).ToArray());
        }

        if (name.Length == 0)
        {
            throw StatusException.Invalid(request.Type, "", "metadata.name: Required value: name or generateName is required");
        }

        CheckNamespace(request, body);
        if (ObjectMeta.ResourceVersion(body).Length > 0)
        {
            throw StatusException.BadRequest("resourceVersion should not be set on objects to be created");
        }

        var (stored, _) = state.Store.Write(request.Type, request.Namespace, name, current =>
        {
            if (current is not null)
            {
                throw StatusException.AlreadyExists(request.Type, name);
            }

            // Registry strategies reset status on create; status is written through /status.
            if (request.Type.HasStatus)
            {
                body.Remove("status");
            }

            ObjectShape.RecordManager(body, request.Type, ObjectShape.FieldManager(request.Http), "Update", "", state.Time);
            return ObjectShape.Typed(body, request.Type);
        });
        await JsonResponses.WriteAsync(request.Context, 201, ObjectShape.Typed(stored, request.Type));
    }

    public static async Task UpdateAsync(ServerState state, ResourceRequest request, string subresource)
    {
        var body = await ReadObjectAsync(request);
        if (ObjectMeta.Name(body) is { Length: > 0 } bodyName && bodyName != request.Name)
        {
            throw StatusException.BadRequest($"the name of the object ({bodyName}) does not match the name on the URL ({request.Name})");
        }

        CheckNamespace(request, body);
        var (stored, _) = state.Store.Write(request.Type, request.Namespace, request.Name, current =>
        {
            if (current is null)
            {
                throw StatusException.NotFound(request.Type, request.Name);
            }

            CheckResourceVersion(request.Type, request.Name, ObjectMeta.ResourceVersion(body), current);
            var next = KeepOwnedParts(request.Type, subresource, current, body);
            ObjectShape.RecordManager(next, request.Type, ObjectShape.FieldManager(request.Http), "Update", subresource, state.Time);
            return next;
        });
        await JsonResponses.WriteAsync(request.Context, 200, ObjectShape.Typed(stored, request.Type));
    }

    public static async Task PatchAsync(ServerState state, ResourceRequest request, string subresource)
    {
        var mediaType = (request.Http.ContentType ?? "").Split(';')[0].Trim();
        var patch = await JsonResponses.ReadBodyAsync(request.Context);
        var manager = ObjectShape.FieldManager(request.Http);
        var isApply = mediaType == "application/apply-patch+yaml";
        if (isApply && string.IsNullOrEmpty(request.Query("fieldManager")))
        {
            throw StatusException.BadRequest("PatchOptions.meta.k8s.io \"\" is invalid: fieldManager: Required value: is required for apply patch");
        }

        var (stored, created) = state.Store.Write(request.Type, request.Namespace, request.Name, current =>
        {
            if (current is null && !isApply)
            {
                throw StatusException.NotFound(request.Type, request.Name);
            }

            var patched = mediaType switch
            {
                "application/merge-patch+json" or "application/strategic-merge-patch+json" => MergePatch.Apply(current, patch),
                "application/json-patch+json" when patch is JsonArray operations => ApplyJsonPatch(current!, operations),
                "application/apply-patch+yaml" => MergePatch.Apply(current ?? new JsonObject(), patch, removeNulls: false),
                _ => throw StatusException.UnsupportedMediaType(mediaType),
            };
            if (patched is not JsonObject next)
            {
                throw StatusException.BadRequest("the patch did not produce an object");
            }

            // A resourceVersion in the patch is a precondition, as with update.
            if (current is not null)
            {
                CheckResourceVersion(request.Type, request.Name, ObjectMeta.ResourceVersion(next), current);
                next = KeepOwnedParts(request.Type, subresource, current, next);
            }
            else
            {
                CheckNamespace(request, next);
            }

            ObjectShape.RecordManager(next, request.Type, manager, isApply ? "Apply" : "Update", subresource, state.Time);
            return ObjectShape.Typed(next, request.Type);
        });
        await JsonResponses.WriteAsync(request.Context, created ? 201 : 200, ObjectShape.Typed(stored, request.Type));
    }

    private static JsonNode ApplyJsonPatch(JsonObject current, JsonArray operations)
    {
        try
        {
            return JsonPatch.Apply(current, operations);
        }
        catch (InvalidOperationException e)
        {
            throw new StatusException(422, "Invalid", e.Message);
        }
    }

    /// <summary>
    /// With a status subresource, a write to the main resource cannot change status and a write to /status can
    /// change only status, as the registry strategies enforce.
    /// </summary>
    private static JsonObject KeepOwnedParts(ResourceType type, string subresource, JsonObject current, JsonObject next)
    {
        if (!type.HasStatus)
        {
            return next;
        }

        if (subresource == "status")
        {
            var result = (JsonObject)current.DeepClone();
            result["status"] = next["status"]?.DeepClone();
            if (result["status"] is null)
            {
                result.Remove("status");
            }

            result["metadata"] = ObjectMeta.Of(next).DeepClone();
            return result;
        }

        next = (JsonObject)next.DeepClone();
        next.Remove("status");
        if (current["status"] is { } status)
        {
            next["status"] = status.DeepClone();
        }

        return next;
    }

    private static void CheckResourceVersion(ResourceType type, string name, string requested, JsonObject current)
    {
        if (requested.Length > 0 && requested != ObjectMeta.ResourceVersion(current))
        {
            throw StatusException.Conflict(type, name);
        }
    }

    private static void CheckNamespace(ResourceRequest request, JsonObject body)
    {
        if (request.Type.Namespaced && ObjectMeta.Namespace(body) is { Length: > 0 } ns && ns != request.Namespace)
        {
            throw StatusException.BadRequest("the namespace of the provided object does not match the namespace sent on the request");
        }
    }

    private static async Task<JsonObject> ReadObjectAsync(ResourceRequest request) =>
        await JsonResponses.ReadBodyAsync(request.Context) as JsonObject
            ?? throw StatusException.BadRequest("the request body must be a JSON object");
}
