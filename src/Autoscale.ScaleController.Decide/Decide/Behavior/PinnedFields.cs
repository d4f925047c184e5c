namespace Autoscale.ScaleController.Decide.Behavior;

/// <summary>
/// The HPA annotation <c>autoscale.dev/pinned-fields</c>: a comma list of field paths
/// (<c>scaleDown.stabilizationWindowSeconds,scaleUp.policies</c>), or <c>scaleUp</c>, <c>scaleDown</c>, <c>*</c>
/// for groups. An entry not understood pins nothing but is reported in the event, so a typo is visible.
/// </summary>
internal sealed record PinnedFields(IReadOnlySet<BehaviorField> Fields, IReadOnlyList<string> Unknown)
{
    public const string Annotation = "autoscale.dev/pinned-fields";

    public static PinnedFields None { get; } = new(new HashSet<BehaviorField>(), []);

    public static PinnedFields Parse(string? value)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            return None;
        }

        var fields = new HashSet<BehaviorField>();
        var unknown = new List<string>();
        foreach (var entry in value.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
        {
            var matched = BehaviorFields.All.Where(f => Matches(entry, f)).ToList();
            if (matched.Count == 0)
            {
                unknown.Add(entry);
            }

            fields.UnionWith(matched);
        }

        return new PinnedFields(fields, unknown);
    }

    private static bool Matches(string entry, BehaviorField field)
    {
        var name = BehaviorFields.Name(field);
        return entry is "*" or "behavior"
            || entry.Equals(name, StringComparison.OrdinalIgnoreCase)
            || entry.Equals(name[..name.IndexOf('.', StringComparison.Ordinal)], StringComparison.OrdinalIgnoreCase);
    }
}
