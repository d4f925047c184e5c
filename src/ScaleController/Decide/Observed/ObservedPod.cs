namespace Autoscale.ScaleController.Decide.Observed;

/// <summary>
/// A workload pod's lifecycle timestamps, as the watch reads them: creation, PodScheduled=False/Unschedulable
/// since, PodScheduled=True, the last container's start, Ready=True. Null means "not yet".
/// </summary>
internal sealed record ObservedPod(
    string Name,
    DateTimeOffset Created,
    DateTimeOffset? UnschedulableSince = null,
    DateTimeOffset? Scheduled = null,
    DateTimeOffset? ContainersStarted = null,
    DateTimeOffset? Ready = null,
    bool Terminating = false);
