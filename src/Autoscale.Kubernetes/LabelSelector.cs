namespace Autoscale.Kubernetes;

/// <summary>Operators of the Kubernetes label selector grammar (k8s.io/apimachinery/pkg/selection).</summary>
public enum SelectorOperator
{
    Equals,
    DoubleEquals,
    NotEquals,
    In,
    NotIn,
    Exists,
    DoesNotExist,
    GreaterThan,
    LessThan,
}

/// <summary>One requirement of a selector; values sorted as upstream sorts them.</summary>
public sealed record LabelRequirement(string Key, SelectorOperator Operator, IReadOnlyList<string> Values);

/// <summary>
/// A parsed Kubernetes label selector with upstream's full string grammar (<c>=</c>, <c>==</c>, <c>!=</c>, <c>in</c>,
/// <c>notin</c>, <c>key</c>, <c>!key</c>, <c>gt</c>/<c>lt</c>), validation and error wording.
/// </summary>
public sealed class LabelSelector
{
    public static LabelSelector Everything { get; } = new([]);

    internal LabelSelector(IReadOnlyList<LabelRequirement> requirements) => Requirements = requirements;

    /// <summary>Requirements sorted by key, as upstream's <c>labels.Parse</c> returns them.</summary>
    public IReadOnlyList<LabelRequirement> Requirements { get; }

    public bool IsEmpty => Requirements.Count == 0;

    /// <summary>Parses; null or whitespace means everything. Throws <see cref="FormatException"/> with upstream wording.</summary>
    public static LabelSelector Parse(string? text) => throw new NotImplementedException();

    public static bool TryParse(string? text, out LabelSelector selector, out string? error) => throw new NotImplementedException();

    public bool Matches(IReadOnlyDictionary<string, string> labels) => throw new NotImplementedException();

    /// <summary>
    /// The <c>metav1.LabelSelector</c> form (as <c>metav1.ParseToLabelSelector</c> builds it): <c>=</c>/<c>==</c> become
    /// matchLabels, <c>!=</c> becomes a NotIn expression, the rest expressions; gt/lt are not representable (throws).
    /// </summary>
    public MetaLabelSelector ToMetaLabelSelector() => throw new NotImplementedException();

    /// <summary>Canonical string form, as upstream's <c>Selector.String()</c>.</summary>
    public override string ToString() => throw new NotImplementedException();
}

/// <summary>JSON shape of <c>metav1.LabelSelector</c>.</summary>
public sealed record MetaLabelSelector(
    IReadOnlyDictionary<string, string>? MatchLabels,
    IReadOnlyList<MetaLabelSelectorRequirement>? MatchExpressions);

/// <summary>JSON shape of <c>metav1.LabelSelectorRequirement</c>; operator is "In", "NotIn", "Exists" or "DoesNotExist".</summary>
public sealed record MetaLabelSelectorRequirement(string Key, string Operator, IReadOnlyList<string>? Values);
