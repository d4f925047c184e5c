using System.Text;
using System.Text.RegularExpressions;

namespace Autoscale.MetricsAdapter.Sources.Prometheus.Rules;

/// <summary>
/// Go (RE2) regular expressions as .NET ones, and Go's <c>Regexp.Expand</c> for <c>name.as</c>. RE2's syntax is a
/// subset of .NET's except for named groups written <c>(?P&lt;name&gt;…)</c>, which are rewritten.
/// </summary>
internal static class GoRegex
{
    private static readonly TimeSpan MatchTimeout = TimeSpan.FromSeconds(1);

    public static Regex Compile(string pattern)
    {
        try
        {
            return new Regex(pattern.Replace("(?P<", "(?<", StringComparison.Ordinal), RegexOptions.CultureInvariant, MatchTimeout);
        }
        catch (ArgumentException e)
        {
            throw new FormatException($"invalid regular expression {pattern}: {e.Message}", e);
        }
    }

    /// <summary>Go's <c>Expand</c>: <c>$1</c>, <c>${1}</c>, <c>$name</c>, <c>${name}</c>, <c>$$</c>; an unknown group is empty.</summary>
    public static string Expand(string template, Match match)
    {
        var output = new StringBuilder();
        for (var i = 0; i < template.Length; i++)
        {
            var c = template[i];
            if (c != '$' || i + 1 >= template.Length)
            {
                output.Append(c);
                continue;
            }

            if (template[i + 1] == '$')
            {
                output.Append('$');
                i++;
                continue;
            }

            string name;
            if (template[i + 1] == '{')
            {
                var end = template.IndexOf('}', i + 2);
                if (end < 0)
                {
                    output.Append(c);
                    continue;
                }

                name = template[(i + 2)..end];
                i = end;
            }
            else
            {
                // $name is the longest run of letters, digits and underscores: "$1x" names group "1x", as in Go.
                var end = i + 1;
                while (end < template.Length && (char.IsAsciiLetterOrDigit(template[end]) || template[end] == '_'))
                {
                    end++;
                }

                if (end == i + 1)
                {
                    output.Append(c);
                    continue;
                }

                name = template[(i + 1)..end];
                i = end - 1;
            }

            var group = match.Groups[name];
            if (group.Success)
            {
                output.Append(group.Value);
            }
        }

        return output.ToString();
    }

    /// <summary>Capture groups besides the whole match (<c>$0</c>).</summary>
    public static int CaptureGroups(Regex regex) => regex.GetGroupNumbers().Length - 1;
}
