namespace Autoscale.Hpa.Pods;

/// <summary>A container's resource requests in milli-units, keyed by resource name ("cpu", "memory").</summary>
public sealed record HpaContainer(string Name, IReadOnlyDictionary<string, long> RequestsMilli, ContainerKind Kind = ContainerKind.Regular);
