using System.Text.RegularExpressions;

namespace Autoscale.MetricsAdapter.Sources.Prometheus.Rules;

/// <summary>A <c>seriesFilters</c> entry: keep series whose name matches (<c>is</c>) or does not match (<c>isNot</c>).</summary>
internal sealed record SeriesFilter(Regex Pattern, bool Is)
{
    public bool Keeps(string seriesName) => Pattern.IsMatch(seriesName) == Is;
}
