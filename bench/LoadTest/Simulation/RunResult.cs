namespace Autoscale.LoadTest.Simulation;

/// <summary>
/// Everything one policy's run produced, before it is summarised. <see cref="Preemptions"/>: replicas that took a
/// placeholder's node. <see cref="BalloonPods"/>: the balloon Deployment it ran beside (0: none).
/// </summary>
internal sealed record RunResult(
    string Policy,
    RequestLedger Requests,
    double NodeGpuSeconds,
    double ReplicaGpuSeconds,
    IReadOnlyList<double> ScaleEventTimes,
    IReadOnlyList<TimePoint> Series,
    IReadOnlyList<ColdStart> ColdStarts,
    double EndedAt,
    int Preemptions = 0,
    int BalloonPods = 0,
    IReadOnlyList<Controller.PlannerEvent>? PlannerEvents = null);
