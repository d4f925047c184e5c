using System.Text;

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
/// <remarks>gt/lt are written <c>key&gt;5</c> and <c>key&lt;5</c> in text, as upstream's lexer reads them.</remarks>
public sealed partial class LabelSelector
{
    private readonly CompiledRequirement[] _compiled;

    public static LabelSelector Everything { get; } = new([]);

    internal LabelSelector(IReadOnlyList<LabelRequirement> requirements)
    {
        Requirements = requirements;
        _compiled = new CompiledRequirement[requirements.Count];
        for (int i = 0; i < _compiled.Length; i++)
        {
            _compiled[i] = CompiledRequirement.From(requirements[i]);
        }
    }

    /// <summary>Requirements sorted by key, as upstream's <c>labels.Parse</c> returns them.</summary>
    public IReadOnlyList<LabelRequirement> Requirements { get; }

    public bool IsEmpty => Requirements.Count == 0;

    /// <summary>Parses; null or whitespace means everything. Throws <see cref="FormatException"/> with upstream wording.</summary>
    public static LabelSelector Parse(string? text)
    {
        if (!TryParse(text, out LabelSelector selector, out string? error))
        {
            throw new FormatException(error);
        }

        return selector;
    }

    /// <summary>Never throws; on failure <paramref name="selector"/> is <see cref="Everything"/> and must not be used.</summary>
    public static bool TryParse(string? text, out LabelSelector selector, out string? error)
    {
        selector = Everything;
        error = null;
        if (string.IsNullOrWhiteSpace(text))
        {
            return true;
        }

        if (!SelectorParser.TryParse(text, out List<LabelRequirement> requirements, out error))
        {
            return false;
        }

        if (requirements.Count == 0)
        {
            return true;
        }

        // Stable, so same-key requirements keep their input order (Go's sort.Sort is stable for up to 12).
        LabelRequirement[] sorted = [.. requirements.OrderBy(r => r.Key, StringComparer.Ordinal)];
        selector = new LabelSelector(Array.AsReadOnly(sorted));
        return true;
    }

    /// <summary>True when every requirement matches; allocation-free (called per pod per request).</summary>
    public bool Matches(IReadOnlyDictionary<string, string> labels)
    {
        ArgumentNullException.ThrowIfNull(labels);
        foreach (CompiledRequirement requirement in _compiled)
        {
            if (!requirement.Matches(labels))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>
    /// The <c>metav1.LabelSelector</c> form (as <c>metav1.ParseToLabelSelector</c> builds it): <c>=</c>/<c>==</c> become
    /// matchLabels, <c>!=</c> becomes a NotIn expression, the rest expressions; gt/lt are not representable (throws).
    /// </summary>
    /// <remarks>Empty parts are null (upstream's empty map/list are omitempty on the wire); Exists/DoesNotExist have null values.</remarks>
    public MetaLabelSelector ToMetaLabelSelector()
    {
        Dictionary<string, string>? matchLabels = null;
        List<MetaLabelSelectorRequirement>? expressions = null;
        foreach (LabelRequirement requirement in Requirements)
        {
            string op;
            switch (requirement.Operator)
            {
                case SelectorOperator.Equals or SelectorOperator.DoubleEquals:
                    matchLabels ??= new Dictionary<string, string>(StringComparer.Ordinal);
                    matchLabels[requirement.Key] = requirement.Values[0];
                    continue;
                case SelectorOperator.In:
                    op = "In";
                    break;
                case SelectorOperator.NotIn or SelectorOperator.NotEquals:
                    op = "NotIn";
                    break;
                case SelectorOperator.Exists:
                    op = "Exists";
                    break;
                case SelectorOperator.DoesNotExist:
                    op = "DoesNotExist";
                    break;
                default:
                    throw new FormatException($"\"{OperatorName(requirement.Operator)}\" isn't supported in label selectors");
            }

            expressions ??= [];
            IReadOnlyList<string>? values = requirement.Operator is SelectorOperator.Exists or SelectorOperator.DoesNotExist
                ? null
                : requirement.Values;
            expressions.Add(new MetaLabelSelectorRequirement(requirement.Key, op, values));
        }

        return new MetaLabelSelector(matchLabels, expressions);
    }

    /// <summary>Canonical string form, as upstream's <c>Selector.String()</c>.</summary>
    public override string ToString()
    {
        var builder = new StringBuilder();
        foreach (LabelRequirement requirement in Requirements)
        {
            if (builder.Length != 0)
            {
                builder.Append(',');
            }

            AppendRequirement(builder, requirement);
        }

        return builder.ToString();
    }

    private static void AppendRequirement(StringBuilder builder, LabelRequirement requirement)
    {
        if (requirement.Operator == SelectorOperator.DoesNotExist)
        {
            builder.Append('!');
        }

        builder.Append(requirement.Key);
        switch (requirement.Operator)
        {
            case SelectorOperator.Exists or SelectorOperator.DoesNotExist:
                return;
            case SelectorOperator.In or SelectorOperator.NotIn:
                builder.Append(requirement.Operator == SelectorOperator.In ? " in (" : " notin (");
                AppendValues(builder, requirement.Values);
                builder.Append(')');
                return;
            default:
                builder.Append(requirement.Operator switch
                {
                    SelectorOperator.Equals => "=",
                    SelectorOperator.DoubleEquals => "==",
                    SelectorOperator.NotEquals => "!=",
                    SelectorOperator.GreaterThan => ">",
                    _ => "<",
                });
                AppendValues(builder, requirement.Values);
                return;
        }
    }

    private static void AppendValues(StringBuilder builder, IReadOnlyList<string> values)
    {
        // Parsed values are already sorted; sorting here too keeps hand-built requirements canonical, like safeSort.
        IEnumerable<string> ordered = values.Count > 1 ? values.Order(StringComparer.Ordinal) : values;
        builder.AppendJoin(',', ordered);
    }

    /// <summary>Upstream's <c>selection.Operator</c> spelling.</summary>
    internal static string OperatorName(SelectorOperator op) => op switch
    {
        SelectorOperator.Equals => "=",
        SelectorOperator.DoubleEquals => "==",
        SelectorOperator.NotEquals => "!=",
        SelectorOperator.In => "in",
        SelectorOperator.NotIn => "notin",
        SelectorOperator.Exists => "exists",
        SelectorOperator.DoesNotExist => "!",
        SelectorOperator.GreaterThan => "gt",
        SelectorOperator.LessThan => "lt",
        _ => op.ToString(),
    };
}

/// <summary>JSON shape of <c>metav1.LabelSelector</c>.</summary>
public sealed record MetaLabelSelector(
    IReadOnlyDictionary<string, string>? MatchLabels,
    IReadOnlyList<MetaLabelSelectorRequirement>? MatchExpressions);

/// <summary>JSON shape of <c>metav1.LabelSelectorRequirement</c>; operator is "In", "NotIn", "Exists" or "DoesNotExist".</summary>
public sealed record MetaLabelSelectorRequirement(string Key, string Operator, IReadOnlyList<string>? Values);
