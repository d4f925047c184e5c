using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace Autoscale.Kubernetes.Yaml;

/// <summary>
/// The one way a config file's text becomes a <see cref="YamlMap"/>: bounded (<see cref="YamlLimits.Config"/>: size,
/// depth, nodes; no aliases, no duplicate keys), one document, a mapping at the root. Used by the adapter, the
/// controller and the simulator, so the three refuse the same things with the same words.
/// </summary>
public static class StrictYaml
{
    /// <returns>
    /// The root mapping, with no node when the text holds no document (every field at its default); null when the text
    /// cannot be used, the reasons in <paramref name="errors"/>.
    /// </returns>
    /// <param name="path">Where the text sits in a larger file (<c>prometheus</c>), to prefix every error's path; empty for a whole file.</param>
    public static YamlMap? Read(string text, YamlErrors errors, string path = "")
    {
        ArgumentNullException.ThrowIfNull(errors);
        YamlStream stream;
        try
        {
            stream = BoundedYaml.Load(text, YamlLimits.Config);
        }
        catch (YamlLimitException e)
        {
            errors.Add(Join(path, e.Path), e.Message);
            return null;
        }
        catch (YamlException e)
        {
            errors.Add(path, $"invalid YAML at line {e.Start.Line}, column {e.Start.Column}: {e.Message}");
            return null;
        }

        switch (stream.Documents.Count)
        {
            case 0:
                return new YamlMap(null, path, errors);
            case > 1:
                errors.Add(path, $"expected one YAML document, got {stream.Documents.Count}");
                return null;
        }

        var root = stream.Documents[0].RootNode;
        if (YamlMap.IsNull(root))
        {
            return new YamlMap(null, path, errors);
        }

        if (root is not YamlMappingNode mapping)
        {
            errors.Add(path, $"expected a mapping, got {YamlMap.Describe(root)}");
            return null;
        }

        return new YamlMap(mapping, path, errors);
    }

    private static string Join(string prefix, string path) =>
        prefix.Length == 0 ? path : path.Length == 0 ? prefix : path.StartsWith('[') ? prefix + path : $"{prefix}.{path}";
}
