using System.Text.Json.Nodes;

namespace Autoscale.Testing.KubeApi.Selectors;

/// <summary>
/// A field selector (<c>metadata.name=x,status.phase!=Failed</c>) evaluated against any dotted path of the object;
/// the real server supports only a per-resource set of fields.
/// </summary>
internal sealed class FieldSelector
{
    private readonly IReadOnlyList<(string Path, bool Equal, string Value)> _terms;

    private FieldSelector(IReadOnlyList<(string Path, bool Equal, string Value)> terms) => _terms = terms;

    /// <exception cref="FormatException">The selector is not valid.</exception>
    public static FieldSelector Parse(string? selector)
    {
        var terms = new List<(string, bool, string)>();
        if (!string.IsNullOrWhiteSpace(selector))
        {
            foreach (var raw in selector.Split(','))
            {
                var term = raw.Trim();
                var (op, at) = term.IndexOf("!=", StringComparison.Ordinal) is var ne and > 0 ? ("!=", ne)
                    : term.IndexOf("==", StringComparison.Ordinal) is var eq2 and > 0 ? ("==", eq2)
                    : ("=", term.IndexOf('=', StringComparison.Ordinal));
                if (at <= 0)
                {
                    throw new FormatException($"invalid selector: '{selector}'; can't understand '{term}'");
                }

                terms.Add((term[..at].Trim(), op != "!=", term[(at + op.Length)..].Trim()));
            }
        }

        return new FieldSelector(terms);
    }

    public bool Matches(JsonObject obj)
    {
        foreach (var (path, equal, value) in _terms)
        {
            JsonNode? node = obj;
            foreach (var segment in path.Split('.'))
            {
                node = node is JsonObject o ? o[segment] : null;
            }

            var actual = node is JsonValue v ? v.ToString() : "";
            if ((actual == value) != equal)
            {
                return false;
            }
        }

        return true;
    }
}
