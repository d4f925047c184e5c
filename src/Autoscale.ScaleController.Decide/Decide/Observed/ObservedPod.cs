namespace Autoscale.ScaleController.Decide.Observed;

/// <summary>
/// A workload pod's lifecycle timestamps, as the watch reads them: creation, PodScheduled=False/Unschedulable
/// since, PodScheduled=True, the last container's start, Ready=True. Null means "not yet". The watch remembers
/// <paramref name="UnschedulableSince"/> after the pod is scheduled (the condition itself then says True), so a
/// learnt cold start can tell waiting for a new node from the rest.
/// </summary>
/// <param name="NodeName">spec.nodeName once scheduled.</param>
public sealed record ObservedPod(
    string Name,
    DateTimeOffset Created,
    DateTimeOffset? UnschedulableSince = null,
    DateTimeOffset? Scheduled = null,
    DateTimeOffset? ContainersStarted = null,
    DateTimeOffset? Ready = null,
    bool Terminating = false,
    string? NodeName = null);
