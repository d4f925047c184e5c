namespace Autoscale.Hpa.Reconcile;

/// <summary>
/// The target's /scale subresource. <paramref name="SpecReplicas"/> is "current replicas" everywhere except the
/// Object/External AverageValue targets, which divide by <paramref name="StatusReplicas"/>.
/// </summary>
public sealed record ScaleInfo(int SpecReplicas, int StatusReplicas, string? Selector);
