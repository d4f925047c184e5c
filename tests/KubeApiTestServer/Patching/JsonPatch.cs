using System.Globalization;
using System.Text.Json.Nodes;

namespace Autoscale.Testing.KubeApi.Patching;

/// <summary>RFC 6902 JSON patch: add, remove, replace, move, copy, test.</summary>
internal static class JsonPatch
{
    /// <exception cref="InvalidOperationException">An operation does not apply to the document.</exception>
    public static JsonNode Apply(JsonNode document, JsonArray operations)
    {
        var root = document.DeepClone();
        foreach (var operation in operations.OfType<JsonObject>())
        {
            var op = operation["op"]?.GetValue<string>() ?? throw new InvalidOperationException("missing op");
            var path = operation["path"]?.GetValue<string>() ?? throw new InvalidOperationException("missing path");
            switch (op)
            {
                case "add":
                    root = Add(root, path, operation["value"]?.DeepClone());
                    break;
                case "remove":
                    Remove(root, path);
                    break;
                case "replace":
                    _ = Find(root, path) ?? throw new InvalidOperationException($"replace operation does not apply: doc is missing key: {path}");
                    Remove(root, path);
                    root = Add(root, path, operation["value"]?.DeepClone());
                    break;
                case "move":
                    var from = operation["from"]!.GetValue<string>();
                    var moved = Find(root, from)?.DeepClone();
                    Remove(root, from);
                    root = Add(root, path, moved);
                    break;
                case "copy":
                    root = Add(root, path, Find(root, operation["from"]!.GetValue<string>())?.DeepClone());
                    break;
                case "test":
                    if (!JsonNode.DeepEquals(Find(root, path), operation["value"]))
                    {
                        throw new InvalidOperationException($"testing value {path} failed");
                    }

                    break;
                default:
                    throw new InvalidOperationException($"Unexpected kind: {op}");
            }
        }

        return root;
    }

    private static string[] Tokens(string path) =>
        path.Length == 0 ? [] : path[1..].Split('/').Select(t => t.Replace("~1", "/", StringComparison.Ordinal).Replace("~0", "~", StringComparison.Ordinal)).ToArray();

    private static JsonNode? Find(JsonNode root, string path)
    {
        JsonNode? node = root;
        foreach (var token in Tokens(path))
        {
            node = node switch
            {
                JsonObject o => o[token],
                JsonArray a when int.TryParse(token, NumberStyles.None, CultureInfo.InvariantCulture, out var i) && i < a.Count => a[i],
                _ => null,
            };
        }

        return node;
    }

    private static JsonNode Add(JsonNode root, string path, JsonNode? value)
    {
        var tokens = Tokens(path);
        if (tokens.Length == 0)
        {
            return value ?? throw new InvalidOperationException("cannot replace the document with null");
        }

        var parent = Find(root, "/" + string.Join('/', tokens[..^1].Select(t => t.Replace("~", "~0", StringComparison.Ordinal).Replace("/", "~1", StringComparison.Ordinal))));
        if (tokens.Length == 1)
        {
            parent = root;
        }

        var last = tokens[^1];
        switch (parent)
        {
            case JsonObject o:
                o[last] = value;
                break;
            case JsonArray a when last == "-":
                a.Add(value);
                break;
            case JsonArray a when int.TryParse(last, NumberStyles.None, CultureInfo.InvariantCulture, out var i) && i <= a.Count:
                a.Insert(i, value);
                break;
            default:
                throw new InvalidOperationException($"add operation does not apply: doc is missing path: {path}");
        }

        return root;
    }

    private static void Remove(JsonNode root, string path)
    {
        var tokens = Tokens(path);
        var parent = tokens.Length == 1 ? root : Find(root, "/" + string.Join('/', tokens[..^1].Select(t => t.Replace("~", "~0", StringComparison.Ordinal).Replace("/", "~1", StringComparison.Ordinal))));
        var last = tokens[^1];
        switch (parent)
        {
            case JsonObject o when o.ContainsKey(last):
                o.Remove(last);
                break;
            case JsonArray a when int.TryParse(last, NumberStyles.None, CultureInfo.InvariantCulture, out var i) && i < a.Count:
                a.RemoveAt(i);
                break;
            default:
                throw new InvalidOperationException($"remove operation does not apply: doc is missing path: {path}");
        }
    }
}
