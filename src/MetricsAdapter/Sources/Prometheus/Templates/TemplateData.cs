namespace Autoscale.MetricsAdapter.Sources.Prometheus.Templates;

/// <summary>
/// What a template is executed with: prometheus-adapter's <c>queryTemplateArgs</c> for <c>metricsQuery</c>
/// (<c>.Series</c>, <c>.LabelMatchers</c>, ...), and <c>schema.GroupResource</c> for <c>resources.template</c>.
/// </summary>
internal sealed record TemplateData
{
    public string Series { get; init; } = "";

    public string LabelMatchers { get; init; } = "";

    /// <summary>Label → values joined with <c>|</c>.</summary>
    public IReadOnlyDictionary<string, string> LabelValuesByName { get; init; } = new Dictionary<string, string>();

    public IReadOnlyList<string> GroupBySlice { get; init; } = [];

    public string GroupBy => string.Join(',', GroupBySlice);

    public string Resource { get; init; } = "";

    public string Group { get; init; } = "";
}
