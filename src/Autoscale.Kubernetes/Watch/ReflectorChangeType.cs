namespace Autoscale.Kubernetes.Watch;

/// <summary>How an object changed in a reflector's cache.</summary>
public enum ReflectorChangeType
{
    Added,
    Modified,
    Deleted,
}
