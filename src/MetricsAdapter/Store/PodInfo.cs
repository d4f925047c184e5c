namespace Autoscale.MetricsAdapter.Store;

/// <summary>What discovery knows of a pod: identity, labels (for <c>labelSelector</c>) and whether it is capacity.</summary>
internal sealed record PodInfo(string Namespace, string Name, IReadOnlyDictionary<string, string> Labels, PodState State)
{
    public ObjectKey Key => new(Namespace, Name);
}
