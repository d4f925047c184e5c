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

    /// <summary><c>rules</c> or <c>externalRules</c>, and the 0-based position there: how messages and <c>--check</c> name the rule.</summary>
    public string Section { get; init; } = "rules";

    public int Index { get; init; }

    /// <summary>Set while parsing when the rule cannot be served; such a rule never reaches the source.</summary>
    internal string? Refusal { get; init; }

    public override string ToString() => $"{Section}[{Index}] (line {Line})";
}
