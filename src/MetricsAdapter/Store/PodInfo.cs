namespace Autoscale.MetricsAdapter.Store;

/// <summary>What discovery knows of a pod: identity, labels (for <c>labelSelector</c>) and whether it is capacity.</summary>
/// <param name="Targets">
/// Per served metric, the per-pod target (AverageValue) of the HPA whose scale target selects this pod; used only when
/// not-ready pods are reported at target.
/// </param>
internal sealed record PodInfo(
    string Namespace, string Name, IReadOnlyDictionary<string, string> Labels, PodState State,
    IReadOnlyDictionary<string, double>? Targets = null)
{
    public ObjectKey Key => new(Namespace, Name);
}
