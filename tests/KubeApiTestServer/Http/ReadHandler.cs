using System.Text;
using System.Text.Json.Nodes;
using Autoscale.Kubernetes;
using Autoscale.Testing.KubeApi.Selectors;
using Autoscale.Testing.KubeApi.Store;

namespace Autoscale.Testing.KubeApi.Http;

/// <summary>get, list (selectors, limit/continue), delete and deletecollection.</summary>
internal static class ReadHandler
{
    public static Task GetAsync(ServerState state, ResourceRequest request)
    {
        var obj = state.Store.Get(request.Type, request.Namespace, request.Name) ?? throw StatusException.NotFound(request.Type, request.Name);
        if (Printing.TablePrinter.Wanted(request.Http))
        {
            var table = Printing.TablePrinter.Print(request.Type, [ObjectShape.Typed(obj, request.Type)], ObjectMeta.ResourceVersion(obj), request.Query("includeObject"), state.Time.GetUtcNow());
            return JsonResponses.WriteAsync(request.Context, 200, table);
        }

        return JsonResponses.WriteAsync(request.Context, 200, ObjectShape.Typed(obj, request.Type));
    }

    public static Task ListAsync(ServerState state, ResourceRequest request)
    {
        var (items, rv) = state.Store.List(request.Type, request.Type.Namespaced && request.Namespace.Length > 0 ? request.Namespace : null);
        var matches = Filter(request, items);
        var metadata = new JsonObject { ["resourceVersion"] = rv.ToString(System.Globalization.CultureInfo.InvariantCulture) };

        // The continue token names the last key returned; unlike the real server it does not pin a snapshot.
        if (request.Query("continue") is { Length: > 0 } token)
        {
            var after = Encoding.UTF8.GetString(Convert.FromBase64String(token));
            matches = matches.SkipWhile(o => string.CompareOrdinal(SortKey(o), after) <= 0).ToList();
        }

        if (int.TryParse(request.Query("limit"), out var limit) && limit > 0 && matches.Count > limit)
        {
            metadata["continue"] = Convert.ToBase64String(Encoding.UTF8.GetBytes(SortKey(matches[limit - 1])));
            metadata["remainingItemCount"] = matches.Count - limit;
            matches = matches.Take(limit).ToList();
        }

        if (Printing.TablePrinter.Wanted(request.Http))
        {
            var table = Printing.TablePrinter.Print(request.Type, matches.Select(m => ObjectShape.Typed(m, request.Type)), rv.ToString(System.Globalization.CultureInfo.InvariantCulture), request.Query("includeObject"), state.Time.GetUtcNow());
            if (metadata["continue"] is { } next)
            {
                table["metadata"]!["continue"] = next.DeepClone();
            }

            return JsonResponses.WriteAsync(request.Context, 200, table);
        }

        // Items of a typed list carry no kind/apiVersion on the real server; clients fill them in.
        var array = new JsonArray();
        foreach (var item in matches)
        {
            item.Remove("kind");
            item.Remove("apiVersion");
            array.Add(item);
        }

        var list = new JsonObject
        {
            ["kind"] = request.Type.Kind + "List",
            ["apiVersion"] = request.Type.GroupVersion,
            ["metadata"] = metadata,
            ["items"] = array,
        };
        return JsonResponses.WriteAsync(request.Context, 200, list);
    }

    public static async Task DeleteAsync(ServerState state, ResourceRequest request)
    {
        var preconditions = await PreconditionsAsync(request);
        var deleted = state.Store.Delete(request.Type, request.Namespace, request.Name, current =>
        {
            if (preconditions.Uid is { } uid && ObjectMeta.Of(current)["uid"]?.ToString() != uid)
            {
                throw new StatusException(409, "Conflict", $"Precondition failed: UID in precondition: {uid}, UID in object meta: {ObjectMeta.Of(current)["uid"]}");
            }

            if (preconditions.ResourceVersion is { } rv && ObjectMeta.ResourceVersion(current) != rv)
            {
                throw new StatusException(409, "Conflict", $"Precondition failed: ResourceVersion in precondition: {rv}, ResourceVersion in meta: {ObjectMeta.ResourceVersion(current)}");
            }
        }) ?? throw StatusException.NotFound(request.Type, request.Name);

        await JsonResponses.WriteAsync(request.Context, 200, DeleteResult(request, deleted));
    }

    public static async Task DeleteCollectionAsync(ServerState state, ResourceRequest request)
    {
        var (items, _) = state.Store.List(request.Type, request.Namespace.Length > 0 ? request.Namespace : null);
        var array = new JsonArray();
        foreach (var item in Filter(request, items))
        {
            if (state.Store.Delete(request.Type, ObjectMeta.Namespace(item), ObjectMeta.Name(item)) is { } deleted)
            {
                array.Add(ObjectShape.Typed(deleted, request.Type));
            }
        }

        await JsonResponses.WriteAsync(request.Context, 200, new JsonObject
        {
            ["kind"] = request.Type.Kind + "List",
            ["apiVersion"] = request.Type.GroupVersion,
            ["metadata"] = new JsonObject { ["resourceVersion"] = state.Store.CurrentResourceVersion.ToString(System.Globalization.CultureInfo.InvariantCulture) },
            ["items"] = array,
        });
    }

    /// <summary>Applies labelSelector and fieldSelector; a malformed one is a 400, as on the real server.</summary>
    public static List<JsonObject> Filter(ResourceRequest request, IEnumerable<JsonObject> items)
    {
        var (labels, fields) = Selectors(request);
        return items.Where(o => labels.Matches(ObjectMeta.Labels(o)) && fields.Matches(o)).ToList();
    }

    public static (LabelSelector Labels, FieldSelector Fields) Selectors(ResourceRequest request)
    {
        try
        {
            return (LabelSelector.Parse(request.Query("labelSelector")), FieldSelector.Parse(request.Query("fieldSelector")));
        }
        catch (FormatException e)
        {
            throw StatusException.BadRequest($"unable to parse requirement: {e.Message}");
        }
    }

    private static string SortKey(JsonObject obj) => ObjectMeta.Namespace(obj) + "/" + ObjectMeta.Name(obj);

    // Pods are returned as the deleted object (ReturnDeletedObject in their registry); most others as a Status.
    private static JsonObject DeleteResult(ResourceRequest request, JsonObject deleted)
    {
        if (request.Type.Resource is "pods" or "services")
        {
            return ObjectShape.Typed(deleted, request.Type);
        }

        var details = new JsonObject { ["name"] = request.Name };
        if (request.Type.Group.Length > 0)
        {
            details["group"] = request.Type.Group;
        }

        details["kind"] = request.Type.Resource;
        details["uid"] = ObjectMeta.Of(deleted)["uid"]?.DeepClone();
        return new JsonObject
        {
            ["kind"] = "Status",
            ["apiVersion"] = "v1",
            ["metadata"] = new JsonObject(),
            ["status"] = "Success",
            ["details"] = details,
        };
    }

    private static async Task<(string? Uid, string? ResourceVersion)> PreconditionsAsync(ResourceRequest request)
    {
        if (request.Http.ContentLength is null or 0 && !request.Http.Headers.TransferEncoding.Any())
        {
            return (null, null);
        }

        using var reader = new StreamReader(request.Http.Body);
        var text = await reader.ReadToEndAsync(request.Context.RequestAborted);
        if (string.IsNullOrWhiteSpace(text) || JsonNode.Parse(text)?["preconditions"] is not JsonObject preconditions)
        {
            return (null, null);
        }

        return (preconditions["uid"]?.ToString(), preconditions["resourceVersion"]?.ToString());
    }
}
