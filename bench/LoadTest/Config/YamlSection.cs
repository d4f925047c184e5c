using System.Globalization;
using YamlDotNet.RepresentationModel;

namespace Autoscale.LoadTest.Config;

/// <summary>
/// Strict typed access to one YAML mapping: every key must be read, so a typo is an error naming its path rather
/// than a silently ignored setting.
/// </summary>
internal sealed class YamlSection(YamlMappingNode? node, string path)
{
    private readonly HashSet<string> _read = [];

    public YamlSection Section(string key)
    {
        _read.Add(key);
        var child = Find(key);
        return child switch
        {
            null => new YamlSection(null, $"{path}.{key}"),
            YamlMappingNode map => new YamlSection(map, $"{path}.{key}"),
            _ => throw new ConfigException($"{path}.{key}: expected a mapping"),
        };
    }

    public double Double(string key, double fallback)
    {
        _read.Add(key);
        if (Find(key) is not YamlScalarNode { Value: { } text })
        {
            return fallback;
        }

        return double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) && value >= 0 && !double.IsInfinity(value)
            ? value
            : throw new ConfigException($"{path}.{key}: expected a non-negative number, found '{text}'");
    }

    public int Int(string key, int fallback)
    {
        var value = Double(key, fallback);
        return value == Math.Floor(value) && value <= int.MaxValue ? (int)value : throw new ConfigException($"{path}.{key}: expected an integer, found '{value}'");
    }

    public bool Bool(string key, bool fallback)
    {
        _read.Add(key);
        if (Find(key) is not YamlScalarNode { Value: { } text })
        {
            return fallback;
        }

        return bool.TryParse(text, out var value) ? value : throw new ConfigException($"{path}.{key}: expected true or false, found '{text}'");
    }

    public Cluster.Triangular Triangular(string key, Cluster.Triangular fallback)
    {
        var section = Section(key);
        var result = new Cluster.Triangular(section.Double("min", fallback.Min), section.Double("mode", fallback.Mode), section.Double("max", fallback.Max));
        section.RejectUnknown();
        if (!(result.Min <= result.Mode && result.Mode <= result.Max))
        {
            throw new ConfigException($"{path}.{key}: need min <= mode <= max");
        }

        return result;
    }

    /// <summary>The node under <paramref name="key"/> as YAML text (another component parses it), or null if absent.</summary>
    public string? Text(string key)
    {
        _read.Add(key);
        if (Find(key) is not { } child)
        {
            return null;
        }

        var writer = new StringWriter(CultureInfo.InvariantCulture);
        new YamlStream(new YamlDocument(child)).Save(writer, assignAnchors: false);
        return writer.ToString();
    }

    /// <summary>The scalar under <paramref name="key"/>, or null if absent.</summary>
    public string? Scalar(string key)
    {
        _read.Add(key);
        return Find(key) switch
        {
            null => null,
            YamlScalarNode scalar => scalar.Value,
            _ => throw new ConfigException($"{key}: expected a scalar"),
        };
    }

    public bool Has(string key) => Find(key) is not null;

    public void RejectUnknown()
    {
        if (node is null)
        {
            return;
        }

        foreach (var key in node.Children.Keys.OfType<YamlScalarNode>().Select(k => k.Value ?? string.Empty))
        {
            if (!_read.Contains(key))
            {
                throw new ConfigException($"{path}.{key}: unknown setting");
            }
        }
    }

    private YamlNode? Find(string key) =>
        node?.Children.TryGetValue(new YamlScalarNode(key), out var value) == true ? value : null;
}
