namespace Autoscale.Kubernetes.Watch;

/// <summary>
/// One change to a reflector's cache, delivered after <see cref="Reflector{T}.Current"/> already shows it.
/// <see cref="Object"/> is the new state (for Deleted: the last state seen); <see cref="Old"/> the cached state
/// before, null when the object was not cached.
/// </summary>
public sealed record ReflectorChange<T>(ReflectorChangeType Type, T Object, T? Old);
