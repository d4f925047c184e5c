using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace Autoscale.Deploy.Tests;

/// <summary>One rendered Kubernetes object, as JSON (YAML 1.2 core-schema scalars).</summary>
internal sealed record KObject(JsonObject Json)
{
    public string ApiVersion => (string?)Json["apiVersion"] ?? "";

    public string Kind => (string?)Json["kind"] ?? "";

    public string Name => (string?)Json["metadata"]?["name"] ?? "";

    public string Namespace => (string?)Json["metadata"]?["namespace"] ?? "";

    public string Key => $"{Kind} {Namespace}/{Name}";

    /// <summary>A Helm hook (the preflight): run by helm around an install, not part of the installed set.</summary>
    public bool IsHook => Json["metadata"]?["annotations"]?["helm.sh/hook"] is not null;

    public JsonNode? this[string path] => Manifest.At(Json, path);

    public override string ToString() => Key;
}

internal static class Manifest
{
    public static IReadOnlyList<KObject> Parse(string yaml)
    {
        var stream = new YamlStream();
        stream.Load(new StringReader(yaml));
        return stream.Documents
            .Where(d => d.RootNode is YamlMappingNode)
            .Select(d => new KObject((JsonObject)ToJson(d.RootNode)!))
            .ToList();
    }

    /// <summary>Dotted path; `[n]` indexes arrays; keys containing dots go in brackets: annotations['a.b/c'].</summary>
    public static JsonNode? At(JsonNode? node, string path)
    {
        foreach (var part in Split(path))
        {
            node = part switch
            {
                { Index: int i } => node is JsonArray a && i < a.Count ? a[i] : null,
                { Key: string k } => node is JsonObject o && o.TryGetPropertyValue(k, out var v) ? v : null,
                _ => null,
            };
        }

        return node;
    }

    public static string Canonical(JsonNode? node) => node?.ToJsonString(new JsonSerializerOptions { WriteIndented = false }) ?? "null";

    private static IEnumerable<(string? Key, int? Index)> Split(string path)
    {
        var i = 0;
        while (i < path.Length)
        {
            if (path[i] == '.')
            {
                i++;
            }
            else if (path[i] == '[' && path[i + 1] == '\'')
            {
                var end = path.IndexOf("']", i, StringComparison.Ordinal);
                yield return (path[(i + 2)..end], null);
                i = end + 2;
            }
            else if (path[i] == '[')
            {
                var end = path.IndexOf(']', i);
                yield return (null, int.Parse(path[(i + 1)..end], CultureInfo.InvariantCulture));
                i = end + 1;
            }
            else
            {
                var end = path.IndexOfAny(['.', '['], i);
                if (end < 0)
                {
                    end = path.Length;
                }

                yield return (path[i..end], null);
                i = end;
            }
        }
    }

    private static JsonNode? ToJson(YamlNode node) => node switch
    {
        YamlMappingNode map => new JsonObject(map.Children.Select(kv =>
            KeyValuePair.Create(((YamlScalarNode)kv.Key).Value ?? "", ToJson(kv.Value)))),
        YamlSequenceNode seq => new JsonArray(seq.Children.Select(ToJson).ToArray()),
        YamlScalarNode scalar => Scalar(scalar),
        _ => null,
    };

    private static JsonNode? Scalar(YamlScalarNode scalar)
    {
        var text = scalar.Value ?? "";
        if (scalar.Style != ScalarStyle.Plain)
        {
            return JsonValue.Create(text);
        }

        return text switch
        {
            "" or "~" or "null" or "Null" or "NULL" => null,
            "true" or "True" or "TRUE" => JsonValue.Create(true),
            "false" or "False" or "FALSE" => JsonValue.Create(false),
            // JsonElement-backed numbers convert to any numeric type: (int?)node, (long?)node, (double?)node.
            _ when long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out _) => JsonNode.Parse(text),
            _ when double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out _) && char.IsDigit(text[^1]) && char.IsDigit(text.TrimStart('-')[0]) => JsonNode.Parse(text),
            _ => JsonValue.Create(text),
        };
    }
}
