using System.Text.RegularExpressions;

namespace Autoscale.MetricsAdapter.Sources.Prometheus.Rules;

/// <summary>
/// A rule's <c>name</c>: the series name regex and its expansion. Without <c>as</c>, upstream uses <c>$0</c> for no
/// capture group and <c>$1</c> for one; with more, <c>as</c> is required.
/// </summary>
internal sealed record NameMapping(Regex Matches, string As)
{
    public static NameMapping Create(string? matches, string? expansion, string seriesQuery)
    {
        var regex = GoRegex.Compile(string.IsNullOrEmpty(matches) ? ".*" : matches);
        if (string.IsNullOrEmpty(expansion))
        {
            expansion = GoRegex.CaptureGroups(regex) switch
            {
                0 => "$0",
                1 => "$1",
                _ => throw new FormatException($"must specify an 'as' value for name matcher {regex} associated with series query {seriesQuery}"),
            };
        }

        return new NameMapping(regex, expansion);
    }

    /// <summary>The served name, or null when the series name does not match.</summary>
    public string? NameFor(string seriesName)
    {
        var match = Matches.Match(seriesName);
        return match.Success ? GoRegex.Expand(As, match) : null;
    }
}
