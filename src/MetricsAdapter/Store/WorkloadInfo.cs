using Autoscale.Kubernetes;

namespace Autoscale.MetricsAdapter.Store;

/// <summary>
/// An object whose metric is the aggregate of its pods (a Deployment, StatefulSet or Service): its own labels
/// (matched by <c>labelSelector</c> on wildcard requests) and the selector that picks its pods, which is what the HPA
/// uses too (the scale target's <c>status.selector</c>).
/// </summary>
internal sealed record WorkloadInfo(
    GroupResource Resource,
    string Namespace,
    string Name,
    IReadOnlyDictionary<string, string> Labels,
    LabelSelector PodSelector);
