namespace Autoscale.MetricsAdapter.Sources.Prometheus.Templates;

/// <summary>The fields a prometheus-adapter template can print.</summary>
internal enum TemplateField
{
    Series,
    LabelMatchers,
    LabelValuesByName,
    GroupBy,
    GroupBySlice,
    Resource,
    Group,
}
