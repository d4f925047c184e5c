using Autoscale.MetricsAdapter.Sources.Prometheus.Templates;

namespace Autoscale.MetricsAdapter.Sources.Prometheus.Rules;

/// <summary>
/// One prometheus-adapter discovery rule, parsed: discovery (<c>seriesQuery</c>, <c>seriesFilters</c>), association
/// (<c>resources</c>), naming (<c>name</c>) and querying (<c>metricsQuery</c>).
/// </summary>
/// <param name="Line">Where the rule starts in the config, for messages.</param>
internal sealed record AdapterRule(
    string SeriesQuery,
    IReadOnlyList<SeriesFilter> SeriesFilters,
    ResourceMapping Resources,
    NameMapping Name,
    QueryTemplate MetricsQuery,
    int Line)
{
    /// <summary>The filters plus the implicit <c>is: name.matches</c> upstream appends.</summary>
    public bool Keeps(string seriesName) =>
        SeriesFilters.All(f => f.Keeps(seriesName)) && Name.Matches.IsMatch(seriesName);

    public MetricsQuery Query => new(MetricsQuery, Resources.LabelFor, Resources.Namespaced);
}
