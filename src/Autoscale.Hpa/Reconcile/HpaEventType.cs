namespace Autoscale.Hpa.Reconcile;

/// <summary>core/v1 event types.</summary>
public enum HpaEventType
{
    Normal,
    Warning,
}
