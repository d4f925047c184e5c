namespace Autoscale.Hpa.Reconcile;

/// <summary>A Kubernetes Event the controller records on the HPA; reasons and messages are upstream's.</summary>
public sealed record HpaEvent(HpaEventType Type, string Reason, string Message);
