using System.Text.Json.Nodes;
using Autoscale.Testing.KubeApi.Catalog;
using Autoscale.Testing.KubeApi.Store;
using Microsoft.AspNetCore.Http;

namespace Autoscale.Testing.KubeApi.Http;

/// <summary>Server-side touches on objects going out (type meta) and coming in (managedFields).</summary>
internal static class ObjectShape
{
    public static JsonObject Typed(JsonObject obj, ResourceType type)
    {
        var typed = new JsonObject { ["kind"] = type.Kind, ["apiVersion"] = type.GroupVersion };
        foreach (var (key, value) in obj)
        {
            if (key is not "kind" and not "apiVersion")
            {
                typed[key] = value?.DeepClone();
            }
        }

        return typed;
    }

    /// <summary>The field manager of a write: the query parameter, else the User-Agent's program name.</summary>
    public static string FieldManager(HttpRequest request)
    {
        if (request.Query.TryGetValue("fieldManager", out var manager) && manager.ToString().Length > 0)
        {
            return manager.ToString();
        }

        var agent = request.Headers.UserAgent.ToString();
        var slash = agent.IndexOf('/', StringComparison.Ordinal);
        return slash > 0 ? agent[..slash] : agent.Length > 0 ? agent : "unknown";
    }

    /// <summary>Records one managedFields entry per manager and operation; field sets are not tracked.</summary>
    public static void RecordManager(JsonObject obj, ResourceType type, string manager, string operation, string subresource, TimeProvider time)
    {
        var meta = ObjectMeta.Of(obj);
        var entries = meta["managedFields"] as JsonArray ?? [];
        meta["managedFields"] = entries;
        foreach (var existing in entries.OfType<JsonObject>().ToList())
        {
            if (existing["manager"]?.ToString() == manager && existing["operation"]?.ToString() == operation
                && (existing["subresource"]?.ToString() ?? "") == subresource)
            {
                entries.Remove(existing);
            }
        }

        var entry = new JsonObject
        {
            ["manager"] = manager,
            ["operation"] = operation,
            ["apiVersion"] = type.GroupVersion,
            ["time"] = ObjectStore.Timestamp(time),
            ["fieldsType"] = "FieldsV1",
            ["fieldsV1"] = new JsonObject(),
        };
        if (subresource.Length > 0)
        {
            entry["subresource"] = subresource;
        }

        entries.Add(entry);
    }
}
