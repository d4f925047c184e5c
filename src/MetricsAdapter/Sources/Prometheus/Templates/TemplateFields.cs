namespace Autoscale.MetricsAdapter.Sources.Prometheus.Templates;

/// <summary>Which fields each kind of template may use (others fail at config load, as Go's would at execution).</summary>
internal static class TemplateFields
{
    public static IReadOnlySet<TemplateField> MetricsQuery { get; } = new HashSet<TemplateField>
    {
        TemplateField.Series, TemplateField.LabelMatchers, TemplateField.LabelValuesByName, TemplateField.GroupBy, TemplateField.GroupBySlice,
    };

    public static IReadOnlySet<TemplateField> Resource { get; } = new HashSet<TemplateField> { TemplateField.Group, TemplateField.Resource };
}
