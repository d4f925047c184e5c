namespace Autoscale.Hpa.Normalization;

/// <summary>A replica count with the condition reason and message that explain it.</summary>
public sealed record LimitedReplicas(int Replicas, string Reason, string Message);
