namespace Autoscale.Hosting.Flags;

/// <summary>What <see cref="FlagSet.Parse"/> read: each flag given, in order (a boolean as <c>true</c> or <c>false</c>), and the operands.</summary>
public sealed class ParsedFlags(IReadOnlyList<(string Name, string Value)> given, IReadOnlyList<string> operands)
{
    /// <summary>Every flag as given, in order; a repeated flag appears each time.</summary>
    public IReadOnlyList<(string Name, string Value)> Given => given;

    /// <summary>The arguments that are not flags (only when the set takes operands).</summary>
    public IReadOnlyList<string> Operands => operands;

    public bool Has(string name) => given.Any(g => g.Name == name);

    /// <summary>The flag's value, the last one when it is repeated; null when not given.</summary>
    public string? Get(string name) => given.LastOrDefault(g => g.Name == name).Value;

    /// <summary>Every value of a repeated flag, in order.</summary>
    public IReadOnlyList<string> All(string name) => [.. given.Where(g => g.Name == name).Select(g => g.Value)];

    public bool Bool(string name, bool fallback = false) => Get(name) is { } value ? value == "true" : fallback;
}
