namespace Autoscale.Hpa.Metrics;

/// <summary>One container's usage in a metrics.k8s.io PodMetrics item, milli-units keyed by resource name.</summary>
public sealed record ContainerUsage(string Name, IReadOnlyDictionary<string, long> UsageMilli);
