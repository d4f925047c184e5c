namespace Autoscale.ScaleController.Decide.History;

/// <summary>
/// One learnt cold start, in whole seconds: waiting to be scheduled (mostly waiting for a node), image pull
/// (scheduled → containers started) and model load (started → Ready). <paramref name="Node"/> splits the
/// scheduling phase when the pod waited for a node created for it; it is part of <see cref="SchedulingSeconds"/>,
/// never added to it, so the total (what the scale-down window is made of) is the same with or without it.
/// </summary>
public sealed record ColdStartSample(string Pod, DateTimeOffset ReadyAt, int SchedulingSeconds, int PullSeconds, int LoadSeconds, NodeWait? Node = null)
{
    public int TotalSeconds => SchedulingSeconds + PullSeconds + LoadSeconds;
}
