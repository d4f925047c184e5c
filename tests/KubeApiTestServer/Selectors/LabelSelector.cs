using System.Globalization;
using System.Text.Json.Nodes;

namespace Autoscale.Testing.KubeApi.Selectors;

/// <summary>
/// The label selector string grammar (<c>a=b,c!=d,e in (x,y),f notin (z),g,!h</c>); every term must match.
/// </summary>
internal sealed class LabelSelector
{
    private readonly IReadOnlyList<LabelRequirement> requirements;

    private LabelSelector(IReadOnlyList<LabelRequirement> requirements) => this.requirements = requirements;

    public static LabelSelector Everything { get; } = new([]);

    public IReadOnlyList<LabelRequirement> Requirements => requirements;

    public bool Matches(IReadOnlyDictionary<string, string> labels)
    {
        foreach (var requirement in requirements)
        {
            if (!requirement.Matches(labels))
            {
                return false;
            }
        }

        return true;
    }

    /// <exception cref="FormatException">The selector is not valid.</exception>
    public static LabelSelector Parse(string? selector)
    {
        if (string.IsNullOrWhiteSpace(selector))
        {
            return Everything;
        }

        var result = new List<LabelRequirement>();
        foreach (var term in SplitTerms(selector))
        {
            result.Add(ParseTerm(term.Trim()));
        }

        return new LabelSelector(result);
    }

    /// <summary>Formats a <c>metav1.LabelSelector</c> JSON object as a selector string, as the scale subresource does.</summary>
    public static string Format(JsonObject? selector)
    {
        if (selector is null)
        {
            return "";
        }

        var terms = new List<string>();
        if (selector["matchLabels"] is JsonObject matchLabels)
        {
            foreach (var (key, value) in matchLabels.OrderBy(p => p.Key, StringComparer.Ordinal))
            {
                terms.Add($"{key}={value?.GetValue<string>()}");
            }
        }

        if (selector["matchExpressions"] is JsonArray expressions)
        {
            foreach (var expression in expressions.OfType<JsonObject>())
            {
                var key = expression["key"]?.GetValue<string>() ?? "";
                var values = (expression["values"] as JsonArray)?.Select(v => v?.GetValue<string>() ?? "").Order(StringComparer.Ordinal) ?? Enumerable.Empty<string>();
                terms.Add((expression["operator"]?.GetValue<string>()) switch
                {
                    "In" => $"{key} in ({string.Join(',', values)})",
                    "NotIn" => $"{key} notin ({string.Join(',', values)})",
                    "DoesNotExist" => "!" + key,
                    _ => key,
                });
            }
        }

        return string.Join(',', terms);
    }

    private static IEnumerable<string> SplitTerms(string selector)
    {
        var depth = 0;
        var start = 0;
        for (var i = 0; i < selector.Length; i++)
        {
            switch (selector[i])
            {
                case '(':
                    depth++;
                    break;
                case ')':
                    depth--;
                    break;
                case ',' when depth == 0:
                    yield return selector[start..i];
                    start = i + 1;
                    break;
            }
        }

        yield return selector[start..];
    }

    private static LabelRequirement ParseTerm(string term)
    {
        if (term.Length == 0)
        {
            throw new FormatException("empty label selector term");
        }

        if (term[0] == '!')
        {
            return new LabelRequirement(ValidKey(term[1..].Trim()), "!", []);
        }

        foreach (var op in (string[])["==", "!=", "=", ">", "<"])
        {
            var at = term.IndexOf(op, StringComparison.Ordinal);
            if (at > 0)
            {
                var value = term[(at + op.Length)..].Trim();
                if (op is ">" or "<" && !long.TryParse(value, NumberStyles.Integer, CultureInfo.InvariantCulture, out _))
                {
                    throw new FormatException($"for 'Gt', 'Lt' operators, the value must be an integer: {term}");
                }

                return new LabelRequirement(ValidKey(term[..at].Trim()), op, [value]);
            }
        }

        var open = term.IndexOf('(', StringComparison.Ordinal);
        if (open > 0)
        {
            if (!term.EndsWith(')'))
            {
                throw new FormatException($"found '{term}', expected: ')'");
            }

            var head = term[..open].Trim().Split(' ', StringSplitOptions.RemoveEmptyEntries);
            if (head.Length != 2 || head[1] is not ("in" or "notin"))
            {
                throw new FormatException($"unable to parse requirement: {term}");
            }

            var values = term[(open + 1)..^1].Split(',').Select(v => v.Trim()).Where(v => v.Length > 0).ToArray();
            return new LabelRequirement(ValidKey(head[0]), head[1], values);
        }

        return new LabelRequirement(ValidKey(term), "exists", []);
    }

    private static string ValidKey(string key) =>
        key.Length == 0 || key.Any(c => char.IsWhiteSpace(c) || c is '(' or ')' or ',' or '=' or '!')
            ? throw new FormatException($"invalid label key \"{key}\"")
            : key;
}
