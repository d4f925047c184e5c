namespace Autoscale.Kubernetes.Yaml;

/// <summary>
/// Bounds on a YAML text read by <see cref="BoundedYaml"/>. A config file is operator input: an edit must not be able
/// to exhaust the stack (deep nesting) or memory (a huge file, an alias bomb) of the program that reloads it.
/// </summary>
/// <param name="MaxChars">Longest text; a ConfigMap holds at most 1 MiB.</param>
/// <param name="MaxDepth">Deepest nesting of mappings and lists.</param>
/// <param name="MaxNodes">Most nodes, counting every alias as the nodes it stands for.</param>
public sealed record YamlLimits(int MaxChars, int MaxDepth, int MaxNodes)
{
    /// <summary>For config files: ours nest about 6 deep, hold a few hundred nodes and use no aliases.</summary>
    public static YamlLimits Config { get; } = new(1024 * 1024, 64, 100_000) { RefuseAliases = true };

    /// <summary>Refuse <c>*alias</c>: in a config file it hides what a field holds, and it is how an alias bomb starts.</summary>
    public bool RefuseAliases { get; init; }
}
