using System.Globalization;
using System.Text;
using Autoscale.Kubernetes;

namespace Autoscale.MetricsAdapter.Sources.Prometheus.Templates;

/// <summary>
/// PromQL label matchers as prometheus-adapter writes them (<c>label="value"</c> with Go's <c>%q</c> quoting), and the
/// conversion of a Kubernetes metric label selector: <c>=</c>→<c>=</c>, <c>!=</c>→<c>!=</c>, <c>in</c>→<c>=~"a|b"</c>,
/// <c>notin</c>→<c>!~</c>, <c>key</c>→<c>!=""</c>, <c>!key</c>→<c>=""</c>; gt/lt have no PromQL form.
/// </summary>
internal static class PromMatchers
{
    public const string UnsupportedOperator = "operator not supported by prometheus";

    public static string Eq(string label, string value) => label + "=" + Quote(value);

    public static string Neq(string label, string value) => label + "!=" + Quote(value);

    public static string Matches(string label, string regex) => label + "=~" + Quote(regex);

    public static string NotMatches(string label, string regex) => label + "!~" + Quote(regex);

    /// <summary>Appends one matcher per requirement (in the selector's key order) and records In/= values by label.</summary>
    /// <returns>Null, or the error for an operator Prometheus cannot express.</returns>
    public static string? FromSelector(LabelSelector selector, List<string> matchers, Dictionary<string, string> valuesByName)
    {
        foreach (var requirement in selector.Requirements)
        {
            var values = requirement.Values;
            switch (requirement.Operator)
            {
                case SelectorOperator.Equals or SelectorOperator.DoubleEquals:
                    matchers.Add(Eq(requirement.Key, values[0]));
                    valuesByName[requirement.Key] = values[0];
                    break;
                case SelectorOperator.NotEquals:
                    matchers.Add(Neq(requirement.Key, values[0]));
                    break;
                case SelectorOperator.In:
                    matchers.Add(Matches(requirement.Key, string.Join('|', values)));
                    valuesByName[requirement.Key] = string.Join('|', values);
                    break;
                case SelectorOperator.NotIn:
                    matchers.Add(NotMatches(requirement.Key, string.Join('|', values)));
                    break;
                case SelectorOperator.Exists:
                    matchers.Add(Neq(requirement.Key, ""));
                    break;
                case SelectorOperator.DoesNotExist:
                    matchers.Add(Eq(requirement.Key, ""));
                    break;
                default:
                    return $"{UnsupportedOperator}: {requirement.Key} {LabelSelectorOperator(requirement.Operator)} {string.Join(',', values)}";
            }
        }

        return null;
    }

    /// <summary>Go's <c>strconv.Quote</c>: PromQL reads Go string escapes, so this is also a correct PromQL string.</summary>
    public static string Quote(string value)
    {
        var builder = new StringBuilder(value.Length + 2).Append('"');
        foreach (var c in value)
        {
            switch (c)
            {
                case '"': builder.Append("\\\""); break;
                case '\\': builder.Append("\\\\"); break;
                case '\n': builder.Append("\\n"); break;
                case '\r': builder.Append("\\r"); break;
                case '\t': builder.Append("\\t"); break;
                case < ' ' or '\x7f': builder.Append("\\x").Append(((int)c).ToString("x2", CultureInfo.InvariantCulture)); break;
                default: builder.Append(c); break;
            }
        }

        return builder.Append('"').ToString();
    }

    private static string LabelSelectorOperator(SelectorOperator op) => op == SelectorOperator.GreaterThan ? "gt" : "lt";
}
