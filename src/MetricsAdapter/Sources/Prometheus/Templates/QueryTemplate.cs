using System.Text;

namespace Autoscale.MetricsAdapter.Sources.Prometheus.Templates;

/// <summary>
/// The Go <c>text/template</c> subset that prometheus-adapter configs use, with its <c>&lt;&lt; &gt;&gt;</c> delimiters:
/// field prints (<c>&lt;&lt;.Series&gt;&gt;</c>), <c>&lt;&lt;index .LabelValuesByName "x"&gt;&gt;</c>, trim markers
/// (<c>&lt;&lt;- -&gt;&gt;</c>) and comments. Hand-written on purpose: .NET has no Go template engine, a general one
/// would be a large dependency for six fields, and parsing at config load turns a typo into a start-up error with its
/// offset instead of a failed query on every tick. Anything else (pipelines, if/range) is rejected, not half-run.
/// </summary>
internal sealed class QueryTemplate
{
    private readonly TemplateNode[] _nodes;

    private QueryTemplate(string text, TemplateNode[] nodes)
    {
        Text = text;
        _nodes = nodes;
    }

    public string Text { get; }

    /// <summary>The fields used, e.g. to know whether a query names its series through <c>.Series</c>.</summary>
    public IEnumerable<TemplateField> Fields => _nodes.Where(n => n.Literal is null).Select(n => n.Field).Distinct();

    /// <summary>Parses; throws <see cref="FormatException"/> naming the offset of an unsupported or unknown action.</summary>
    public static QueryTemplate Parse(string text, IReadOnlySet<TemplateField> allowed)
    {
        ArgumentNullException.ThrowIfNull(text);
        var nodes = new List<TemplateNode>();
        var literal = new StringBuilder();
        var position = 0;
        while (position < text.Length)
        {
            var open = text.IndexOf("<<", position, StringComparison.Ordinal);
            if (open < 0)
            {
                literal.Append(text, position, text.Length - position);
                break;
            }

            literal.Append(text, position, open - position);
            var close = text.IndexOf(">>", open + 2, StringComparison.Ordinal);
            if (close < 0)
            {
                throw new FormatException($"template: unclosed action at offset {open}");
            }

            var action = text[(open + 2)..close];
            if (action.StartsWith("- ", StringComparison.Ordinal))
            {
                TrimEnd(literal);
                action = action[2..];
            }

            position = close + 2;
            if (action.EndsWith(" -", StringComparison.Ordinal))
            {
                action = action[..^2];
                while (position < text.Length && char.IsWhiteSpace(text[position]))
                {
                    position++;
                }
            }

            action = action.Trim();
            if (action.StartsWith("/*", StringComparison.Ordinal) && action.EndsWith("*/", StringComparison.Ordinal))
            {
                continue;
            }

            if (literal.Length > 0)
            {
                nodes.Add(new TemplateNode(literal.ToString(), default, null));
                literal.Clear();
            }

            nodes.Add(ParseAction(action, open, allowed));
        }

        if (literal.Length > 0)
        {
            nodes.Add(new TemplateNode(literal.ToString(), default, null));
        }

        return new QueryTemplate(text, [.. nodes]);
    }

    public string Execute(TemplateData data)
    {
        var output = new StringBuilder(Text.Length + 64);
        foreach (var node in _nodes)
        {
            if (node.Literal is { } text)
            {
                output.Append(text);
                continue;
            }

            output.Append(node.Field switch
            {
                TemplateField.Series => data.Series,
                TemplateField.LabelMatchers => data.LabelMatchers,
                TemplateField.GroupBy => data.GroupBy,
                // Go prints a []string as [a b c] and a map[string]string as map[k:v ...] with sorted keys.
                TemplateField.GroupBySlice => "[" + string.Join(' ', data.GroupBySlice) + "]",
                TemplateField.LabelValuesByName when node.IndexKey is { } key => data.LabelValuesByName.GetValueOrDefault(key, ""),
                TemplateField.LabelValuesByName => "map[" + string.Join(' ', data.LabelValuesByName
                    .OrderBy(kv => kv.Key, StringComparer.Ordinal).Select(kv => kv.Key + ":" + kv.Value)) + "]",
                TemplateField.Resource => data.Resource,
                _ => data.Group,
            });
        }

        return output.ToString();
    }

    private static TemplateNode ParseAction(string action, int offset, IReadOnlySet<TemplateField> allowed)
    {
        string? key = null;
        var field = action;
        if (action.StartsWith("index ", StringComparison.Ordinal))
        {
            var parts = action[6..].Trim().Split(' ', 2, StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
            if (parts.Length != 2 || parts[0] != ".LabelValuesByName" || !TryUnquote(parts[1], out key))
            {
                throw new FormatException($"template: unsupported action <<{action}>> at offset {offset}: only index .LabelValuesByName \"label\" is supported");
            }

            field = parts[0];
        }

        if (!field.StartsWith('.') || !Enum.TryParse<TemplateField>(field[1..], ignoreCase: false, out var parsed)
            || !allowed.Contains(parsed) || field[1..] != parsed.ToString())
        {
            throw new FormatException(
                $"template: unsupported action <<{action}>> at offset {offset} (supported: {string.Join(", ", allowed.Select(f => "." + f))}, index .LabelValuesByName \"label\")");
        }

        return new TemplateNode(null, parsed, key);
    }

    private static bool TryUnquote(string text, out string? value)
    {
        value = null;
        if (text.Length >= 2 && ((text[0] == '"' && text[^1] == '"') || (text[0] == '`' && text[^1] == '`')))
        {
            value = text[1..^1].Replace("\\\"", "\"", StringComparison.Ordinal).Replace("\\\\", "\\", StringComparison.Ordinal);
            return true;
        }

        return false;
    }

    private static void TrimEnd(StringBuilder builder)
    {
        while (builder.Length > 0 && char.IsWhiteSpace(builder[^1]))
        {
            builder.Length--;
        }
    }
}
