namespace Autoscale.Hpa;

/// <summary>core/v1 event types.</summary>
public enum KubernetesEventType
{
    Normal,
    Warning,
}
