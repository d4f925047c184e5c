namespace Autoscale.Hpa.Metrics;

/// <summary>
/// One custom.metrics.k8s.io item describing a pod. A null <paramref name="Window"/> means the adapter did not send
/// <c>windowSeconds</c>; upstream then assumes 60 s.
/// </summary>
public sealed record PodMetricSample(string PodName, long ValueMilli, DateTimeOffset Timestamp, TimeSpan? Window = null);
