using System.Globalization;
using Autoscale.Kubernetes;
using YamlDotNet.RepresentationModel;

namespace Autoscale.MetricsAdapter.Config;

/// <summary>
/// Reads typed fields from a YAML tree and collects every problem as <c>path: message</c>, so one bad edit reports
/// all its mistakes at once. A missing or null field takes its default.
/// </summary>
internal sealed class YamlFields
{
    public List<string> Errors { get; } = [];

    public void Error(string path, string message) => Errors.Add($"{(path.Length == 0 ? "(root)" : path)}: {message}");

    /// <returns>The mapping, or null (with an error when it is not a mapping); unknown keys are errors.</returns>
    public YamlMappingNode? Mapping(YamlNode? node, string path, params string[] keys)
    {
        if (node is null || IsNull(node))
        {
            return null;
        }

        if (node is not YamlMappingNode mapping)
        {
            Error(path, $"must be a mapping, got {Describe(node)}");
            return null;
        }

        foreach (var key in mapping.Children.Keys)
        {
            var name = (key as YamlScalarNode)?.Value ?? "?";
            if (Array.IndexOf(keys, name) < 0)
            {
                Error(Join(path, name), $"unknown key (expected one of: {string.Join(", ", keys)})");
            }
        }

        return mapping;
    }

    public static YamlNode? Child(YamlMappingNode? mapping, string key) =>
        mapping is not null && mapping.Children.TryGetValue(new YamlScalarNode(key), out var node) && !IsNull(node) ? node : null;

    public string? String(YamlMappingNode? mapping, string key, string path)
    {
        var node = Child(mapping, key);
        if (node is null)
        {
            return null;
        }

        if (node is YamlScalarNode scalar)
        {
            return scalar.Value;
        }

        Error(Join(path, key), $"must be a string, got {Describe(node)}");
        return null;
    }

    public TimeSpan Duration(YamlMappingNode? mapping, string key, string path, TimeSpan fallback)
    {
        var text = String(mapping, key, path);
        if (text is null)
        {
            return fallback;
        }

        if (GoDuration.TryParse(text, out var value))
        {
            return value;
        }

        Error(Join(path, key), $"must be a duration like 2s or 500ms, got '{text}' (at most {GoDuration.Format(GoDuration.Max)})");
        return fallback;
    }

    public int Int(YamlMappingNode? mapping, string key, string path, int fallback)
    {
        var text = String(mapping, key, path);
        if (text is null)
        {
            return fallback;
        }

        if (int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var value))
        {
            return value;
        }

        Error(Join(path, key), $"must be an integer, got '{text}'");
        return fallback;
    }

    public double Double(YamlMappingNode? mapping, string key, string path, double fallback)
    {
        var text = String(mapping, key, path);
        if (text is null)
        {
            return fallback;
        }

        if (double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) && double.IsFinite(value))
        {
            return value;
        }

        Error(Join(path, key), $"must be a number, got '{text}'");
        return fallback;
    }

    public bool Bool(YamlMappingNode? mapping, string key, string path, bool fallback)
    {
        var text = String(mapping, key, path);
        return text switch
        {
            null => fallback,
            "true" => true,
            "false" => false,
            _ => Invalid(Join(path, key), $"must be true or false, got '{text}'", fallback),
        };
    }

    /// <summary>One of <paramref name="allowed"/>, lower case as written in the file.</summary>
    public string Choice(YamlMappingNode? mapping, string key, string path, string fallback, params string[] allowed)
    {
        var text = String(mapping, key, path);
        if (text is null)
        {
            return fallback;
        }

        return Array.IndexOf(allowed, text) >= 0
            ? text
            : Invalid(Join(path, key), $"must be one of {string.Join(", ", allowed)}, got '{text}'", fallback);
    }

    /// <summary>A string or a list of strings.</summary>
    public IReadOnlyList<string> Strings(YamlMappingNode? mapping, string key, string path)
    {
        var node = Child(mapping, key);
        switch (node)
        {
            case null:
                return [];
            case YamlScalarNode scalar:
                return [scalar.Value ?? ""];
            case YamlSequenceNode sequence when sequence.Children.All(c => c is YamlScalarNode):
                return [.. sequence.Children.Select(c => ((YamlScalarNode)c).Value ?? "")];
            default:
                Error(Join(path, key), $"must be a string or a list of strings, got {Describe(node)}");
                return [];
        }
    }

    public IReadOnlyList<YamlNode> Sequence(YamlMappingNode? mapping, string key, string path)
    {
        var node = Child(mapping, key);
        if (node is null)
        {
            return [];
        }

        if (node is YamlSequenceNode sequence)
        {
            return [.. sequence.Children];
        }

        Error(Join(path, key), $"must be a list, got {Describe(node)}");
        return [];
    }

    public static string Join(string path, string key) => path.Length == 0 ? key : $"{path}.{key}";

    private T Invalid<T>(string path, string message, T fallback)
    {
        Error(path, message);
        return fallback;
    }

    private static bool IsNull(YamlNode node) =>
        node is YamlScalarNode { Style: YamlDotNet.Core.ScalarStyle.Plain, Value: null or "" or "~" or "null" };

    private static string Describe(YamlNode node) => node switch
    {
        YamlMappingNode => "a mapping",
        YamlSequenceNode => "a list",
        YamlScalarNode s => $"'{s.Value}'",
        _ => node.NodeType.ToString(),
    };
}
