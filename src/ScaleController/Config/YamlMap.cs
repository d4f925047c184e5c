using System.Globalization;
using YamlDotNet.RepresentationModel;

namespace Autoscale.ScaleController.Config;

/// <summary>
/// A mapping being read with its path, so every error names the field (<c>workloads[1].scaleDown.policies[0]</c>).
/// Readers take the value to keep when the key is absent: that is how per-workload overrides layer on defaults.
/// </summary>
internal sealed class YamlMap(YamlMappingNode node, string path, ConfigErrors errors)
{
    public string Path => path;

    public ConfigErrors Errors => errors;

    public string Child(string key) => path.Length == 0 ? key : $"{path}.{key}";

    public bool Has(string key) => Get(key) is not null;

    public YamlNode? Get(string key) =>
        node.Children.TryGetValue(new YamlScalarNode(key), out var value) && !IsNull(value) ? value : null;

    public bool Require(string key)
    {
        if (Has(key))
        {
            return true;
        }

        errors.Add(Child(key), "is required");
        return false;
    }

    public void RejectUnknownKeys(params string[] known)
    {
        foreach (var key in node.Children.Keys)
        {
            var name = (key as YamlScalarNode)?.Value ?? "?";
            if (Array.IndexOf(known, name) < 0)
            {
                errors.Add(Child(name), $"unknown key (expected one of: {string.Join(", ", known)})");
            }
        }
    }

    public YamlMap? Map(string key) => Get(key) switch
    {
        null => null,
        YamlMappingNode map => new YamlMap(map, Child(key), errors),
        var other => Wrong<YamlMap>(key, other, "a mapping"),
    };

    public IReadOnlyList<(YamlNode Node, string Path)>? Sequence(string key)
    {
        switch (Get(key))
        {
            case null:
                return null;
            case YamlSequenceNode seq:
                return seq.Children.Select((item, i) => (item, $"{Child(key)}[{i}]")).ToList();
            case var other:
                Wrong<string>(key, other, "a list");
                return null;
        }
    }

    public string? Scalar(string key) => Get(key) switch
    {
        null => null,
        YamlScalarNode scalar => scalar.Value,
        var other => Wrong<string>(key, other, "a scalar"),
    };

    public string String(string key, string fallback) => Scalar(key) ?? fallback;

    public bool Bool(string key, bool fallback) => Scalar(key) switch
    {
        null => fallback,
        "true" or "True" => true,
        "false" or "False" => false,
        var text => Invalid(key, text, "is not a boolean (true or false)", fallback),
    };

    public int Int(string key, int fallback, int min, int max)
    {
        var text = Scalar(key);
        if (text is null)
        {
            return fallback;
        }

        if (!int.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var value))
        {
            return Invalid(key, text, "is not an integer", fallback);
        }

        return InRange(key, value, min, max) ? value : fallback;
    }

    public double Double(string key, double fallback, double min, double max)
    {
        var text = Scalar(key);
        if (text is null)
        {
            return fallback;
        }

        if (!double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) || !double.IsFinite(value))
        {
            return Invalid(key, text, "is not a number", fallback);
        }

        return InRange(key, value, min, max) ? value : fallback;
    }

    private bool InRange<T>(string key, T value, T min, T max)
        where T : IComparable<T>
    {
        if (value.CompareTo(min) >= 0 && value.CompareTo(max) <= 0)
        {
            return true;
        }

        errors.Add(Child(key), string.Create(CultureInfo.InvariantCulture, $"{value} is out of range [{min}, {max}]"));
        return false;
    }

    private T Invalid<T>(string key, string text, string message, T fallback)
    {
        errors.Add(Child(key), $"\"{text}\" {message}");
        return fallback;
    }

    private T? Wrong<T>(string key, YamlNode actual, string expected)
        where T : class
    {
        errors.Add(Child(key), $"expected {expected}, got {Describe(actual)}");
        return null;
    }

    private static string Describe(YamlNode value) => value switch
    {
        YamlMappingNode => "a mapping",
        YamlSequenceNode => "a list",
        YamlScalarNode s => $"\"{s.Value}\"",
        _ => "something else",
    };

    // "key:" with no value and "key: null" mean "not set", as in Kubernetes manifests.
    private static bool IsNull(YamlNode value) =>
        value is YamlScalarNode { Style: YamlDotNet.Core.ScalarStyle.Plain, Value: null or "" or "~" or "null" };
}
