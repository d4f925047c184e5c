namespace Autoscale.Hpa.Metrics;

/// <summary>One metrics.k8s.io/v1beta1 PodMetrics item.</summary>
public sealed record PodResourceMetrics(string PodName, DateTimeOffset Timestamp, TimeSpan Window, IReadOnlyList<ContainerUsage> Containers);
