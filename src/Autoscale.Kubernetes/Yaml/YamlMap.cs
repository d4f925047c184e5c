using System.Globalization;
using YamlDotNet.RepresentationModel;

namespace Autoscale.Kubernetes.Yaml;

/// <summary>
/// A mapping of a config file being read with its path, so every error names the field
/// (<c>workloads[1].scaleDown.policies[0].value</c>). Readers take the value to keep when the key is absent (a
/// default, or the layer below: that is how per-workload overrides layer on defaults); a wrong value is an error in
/// <see cref="Errors"/> and reads as the fallback, so reading goes on and every mistake is reported at once. A null
/// node is an absent mapping: every read gives its fallback.
/// </summary>
public sealed class YamlMap(YamlMappingNode? node, string path, YamlErrors errors)
{
    private readonly HashSet<string> _asked = new(StringComparer.Ordinal);

    public string Path => path;

    public YamlErrors Errors => errors;

    /// <summary>Whether the mapping is in the file (an absent section still reads, as defaults).</summary>
    public bool Exists => node is not null;

    public string Child(string key) => path.Length == 0 ? key : $"{path}.{key}";

    public bool Has(string key) => Get(key) is not null;

    /// <summary>The value under <paramref name="key"/>; null when absent or written as null (<c>key:</c>, <c>~</c>).</summary>
    public YamlNode? Get(string key)
    {
        _asked.Add(key);
        return node is not null && node.Children.TryGetValue(new YamlScalarNode(key), out var value) && !IsNull(value) ? value : null;
    }

    public bool Require(string key)
    {
        if (Has(key))
        {
            return true;
        }

        errors.Add(Child(key), "is required");
        return false;
    }

    /// <summary>
    /// Every key that is neither in <paramref name="known"/> nor asked for so far is an error: call it first with the
    /// keys listed, or last with none (every key the reader asked for is then the known set).
    /// </summary>
    public void RejectUnknownKeys(params string[] known)
    {
        if (node is null)
        {
            return;
        }

        var expected = known.Concat(_asked.Order(StringComparer.Ordinal)).Distinct(StringComparer.Ordinal).ToArray();
        foreach (var key in node.Children.Keys)
        {
            var name = (key as YamlScalarNode)?.Value ?? "?";
            if (Array.IndexOf(expected, name) < 0)
            {
                errors.Add(Child(name), $"unknown key (expected one of: {string.Join(", ", expected)})");
            }
        }
    }

    /// <summary>The mapping under <paramref name="key"/>, or null when absent (or not a mapping: an error).</summary>
    public YamlMap? Map(string key) => Get(key) switch
    {
        null => null,
        YamlMappingNode map => new YamlMap(map, Child(key), errors),
        var other => Wrong<YamlMap>(Child(key), other, "a mapping"),
    };

    /// <summary>As <see cref="Map"/>, but an absent (or wrong) mapping reads as an empty one: every field at its fallback.</summary>
    public YamlMap Section(string key) => Map(key) ?? new YamlMap(null, Child(key), errors);

    /// <summary>The items of the list under <paramref name="key"/> with their paths, or null when absent (or not a list: an error).</summary>
    public IReadOnlyList<(YamlNode Node, string Path)>? Sequence(string key)
    {
        switch (Get(key))
        {
            case null:
                return null;
            case YamlSequenceNode seq:
                return [.. seq.Children.Select((item, i) => (item, $"{Child(key)}[{i}]"))];
            case var other:
                Wrong<string>(Child(key), other, "a list");
                return null;
        }
    }

    /// <summary>The items of the list under <paramref name="key"/> that are mappings (any other item is an error); empty when absent.</summary>
    public IReadOnlyList<YamlMap> Maps(string key)
    {
        var maps = new List<YamlMap>();
        foreach (var (item, itemPath) in Sequence(key) ?? [])
        {
            if (item is YamlMappingNode map)
            {
                maps.Add(new YamlMap(map, itemPath, errors));
            }
            else
            {
                Wrong<string>(itemPath, item, "a mapping");
            }
        }

        return maps;
    }

    public string? Scalar(string key) => Get(key) switch
    {
        null => null,
        YamlScalarNode scalar => scalar.Value,
        var other => Wrong<string>(Child(key), other, "a scalar"),
    };

    public string String(string key, string fallback) => Scalar(key) ?? fallback;

    /// <summary>A string or a list of strings; empty when absent.</summary>
    public IReadOnlyList<string> Strings(string key)
    {
        switch (Get(key))
        {
            case null:
                return [];
            case YamlScalarNode scalar:
                return [scalar.Value ?? ""];
            case YamlSequenceNode sequence when sequence.Children.All(c => c is YamlScalarNode):
                return [.. sequence.Children.Select(c => ((YamlScalarNode)c).Value ?? "")];
            case var other:
                Wrong<string>(Child(key), other, "a string or a list of strings");
                return [];
        }
    }

    public bool Bool(string key, bool fallback) => Scalar(key) switch
    {
        null => fallback,
        "true" or "True" => true,
        "false" or "False" => false,
        var text => Invalid(key, text, "is not a boolean (true or false)", fallback),
    };

    public int Int(string key, int fallback) => Int(key, fallback, int.MinValue, int.MaxValue);

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

        return InRange(key, value, min, max, max == int.MaxValue) ? value : fallback;
    }

    public double Double(string key, double fallback) => Double(key, fallback, double.MinValue, double.MaxValue);

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

        return InRange(key, value, min, max, max == double.MaxValue) ? value : fallback;
    }

    /// <summary>A Go duration (<c>2s</c>, <c>500ms</c>, <c>1m30s</c>), read by <see cref="GoDuration"/> like every duration of the project.</summary>
    public TimeSpan Duration(string key, TimeSpan fallback)
    {
        var text = Scalar(key);
        if (text is null)
        {
            return fallback;
        }

        return GoDuration.TryParse(text, out var value)
            ? value
            : Invalid(key, text, $"is not a duration like 2s or 500ms (at most {GoDuration.Format(GoDuration.Max)})", fallback);
    }

    /// <summary>One of <paramref name="allowed"/>, exactly as written there.</summary>
    public string Choice(string key, string fallback, params string[] allowed)
    {
        var text = Scalar(key);
        if (text is null)
        {
            return fallback;
        }

        return Array.IndexOf(allowed, text) >= 0 ? text : Invalid(key, text, $"is not one of {string.Join(", ", allowed)}", fallback);
    }

    /// <summary>The node under <paramref name="key"/> written back as YAML text (another component parses it), or null when absent.</summary>
    public string? Text(string key)
    {
        if (Get(key) is not { } child)
        {
            return null;
        }

        using var writer = new StringWriter(CultureInfo.InvariantCulture);
        new YamlStream(new YamlDocument(child)).Save(writer, assignAnchors: false);
        var text = writer.ToString().TrimEnd();
        return text.EndsWith("...", StringComparison.Ordinal) ? text[..^3].TrimEnd() + "\n" : text + "\n";
    }

    /// <summary>"key:" with no value and "key: null" mean "not set", as in Kubernetes manifests.</summary>
    internal static bool IsNull(YamlNode value) =>
        value is YamlScalarNode { Style: YamlDotNet.Core.ScalarStyle.Plain, Value: null or "" or "~" or "null" };

    internal static string Describe(YamlNode value) => value switch
    {
        YamlMappingNode => "a mapping",
        YamlSequenceNode => "a list",
        YamlScalarNode s => $"\"{s.Value}\"",
        _ => "something else",
    };

    private bool InRange<T>(string key, T value, T min, T max, bool noMax)
        where T : IComparable<T>
    {
        if (value.CompareTo(min) >= 0 && value.CompareTo(max) <= 0)
        {
            return true;
        }

        errors.Add(Child(key), noMax
            ? string.Create(CultureInfo.InvariantCulture, $"{value} is out of range [{min}, ∞)")
            : string.Create(CultureInfo.InvariantCulture, $"{value} is out of range [{min}, {max}]"));
        return false;
    }

    private T Invalid<T>(string key, string text, string message, T fallback)
    {
        errors.Add(Child(key), $"\"{text}\" {message}");
        return fallback;
    }

    private T? Wrong<T>(string at, YamlNode actual, string expected)
        where T : class
    {
        errors.Add(at, $"expected {expected}, got {Describe(actual)}");
        return null;
    }
}
