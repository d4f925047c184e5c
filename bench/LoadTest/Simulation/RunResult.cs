namespace Autoscale.LoadTest.Simulation;

/// <summary>Everything one policy's run produced, before it is summarised. <see cref="Preemptions"/>: replicas that took a placeholder's node.</summary>
internal sealed record RunResult(
    string Policy,
    RequestLedger Requests,
    double NodeGpuSeconds,
    double ReplicaGpuSeconds,
    IReadOnlyList<double> ScaleEventTimes,
    IReadOnlyList<TimePoint> Series,
    IReadOnlyList<ColdStart> ColdStarts,
    double EndedAt,
    int Preemptions = 0);
