namespace Autoscale.Kubernetes.Yaml;

/// <summary>A YAML text over a <see cref="YamlLimits"/> bound, refused before it was built into a tree.</summary>
/// <param name="path">Where the text crossed the bound (<c>discovery.pods[0]</c>); empty for the whole file.</param>
public sealed class YamlLimitException(string path, string message) : Exception(message)
{
    public string Path { get; } = path;
}
