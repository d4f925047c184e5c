namespace Autoscale.Kubernetes.CustomMetrics;

/// <summary>A MetricValueList read: its items, or null with why (the API's message, or an unreadable body).</summary>
public sealed record MetricsAnswer(int Code, IReadOnlyList<MetricValue>? Items, string? Error);
