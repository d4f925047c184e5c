using k8s.Models;

namespace Autoscale.ScaleController.Watch.ScaleTargets;

/// <summary>
/// A scale target read through its /scale subresource: replicas (spec), the pod selector (status.selector, already in
/// string form) and the pod template placeholders copy, with where it came from (null: not known yet).
/// </summary>
/// <param name="ResourceVersion">The Scale's resourceVersion (the object's): the object is read again only when it changed.</param>
/// <param name="ReadAt">When /scale last answered; a target not read again for a while is dropped.</param>
/// <param name="Uid">The Scale's metadata.uid, which is the object's: for ownerReferences to it.</param>
internal sealed record ScaleTarget(
    ResolvedResource Resource,
    int Replicas,
    string Selector,
    V1PodTemplateSpec? Template,
    string? TemplateSource,
    string? ResourceVersion,
    DateTimeOffset ReadAt,
    string? Uid = null);
