using System.Text.Json.Nodes;

namespace Autoscale.Testing.KubeApi.Store;

/// <summary>Reads and writes the <c>metadata</c> fields of a JSON object.</summary>
internal static class ObjectMeta
{
    public static JsonObject Of(JsonObject obj)
    {
        if (obj["metadata"] is JsonObject meta)
        {
            return meta;
        }

        meta = new JsonObject();
        obj["metadata"] = meta;
        return meta;
    }

    public static string Name(JsonObject obj) => String(obj, "name");

    public static string Namespace(JsonObject obj) => String(obj, "namespace");

    public static string ResourceVersion(JsonObject obj) => String(obj, "resourceVersion");

    public static IReadOnlyDictionary<string, string> Labels(JsonObject obj)
    {
        var labels = new Dictionary<string, string>(StringComparer.Ordinal);
        if (obj["metadata"]?["labels"] is JsonObject map)
        {
            foreach (var (key, value) in map)
            {
                labels[key] = value?.ToString() ?? "";
            }
        }

        return labels;
    }

    private static string String(JsonObject obj, string field) =>
        obj["metadata"]?[field] is JsonValue value && value.TryGetValue<string>(out var text) ? text : "";
}
