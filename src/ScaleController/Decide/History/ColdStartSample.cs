namespace Autoscale.ScaleController.Decide.History;

/// <summary>
/// One learnt cold start, in whole seconds: waiting to be scheduled (mostly waiting for a node), image pull
/// (scheduled → containers started) and model load (started → Ready).
/// </summary>
internal sealed record ColdStartSample(string Pod, DateTimeOffset ReadyAt, int SchedulingSeconds, int PullSeconds, int LoadSeconds)
{
    public int TotalSeconds => SchedulingSeconds + PullSeconds + LoadSeconds;
}
