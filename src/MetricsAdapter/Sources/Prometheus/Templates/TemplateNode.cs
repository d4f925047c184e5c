namespace Autoscale.MetricsAdapter.Sources.Prometheus.Templates;

/// <summary>One piece of a parsed template: literal text, or a field (with a map key for <c>index</c>).</summary>
internal readonly record struct TemplateNode(string? Literal, TemplateField Field, string? IndexKey);
