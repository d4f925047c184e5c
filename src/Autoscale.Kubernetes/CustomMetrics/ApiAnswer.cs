namespace Autoscale.Kubernetes.CustomMetrics;

/// <summary>The status of a GET, its body, and the API's message when the status is not 2xx (else null).</summary>
public sealed record ApiAnswer(int Code, byte[] Body, string? Error);
