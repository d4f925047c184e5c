namespace Autoscale.LoadTest.Report;

/// <summary>One policy's line in the JSON summary and the report table.</summary>
public sealed record PolicySummary(
    string Name,
    double SloAttainment,
    double SloAttainmentAfterWarmup,
    double GpuHours,
    double ReplicaGpuHours,
    double LowerBoundGpuHours,
    double CostRatio,
    double CostRatioSloCapacity,
    double TtftP50Seconds,
    double TtftP95Seconds,
    double TtftP99Seconds,
    double QueueWaitP50Seconds,
    double QueueWaitP95Seconds,
    double QueueWaitP99Seconds,
    int ScaleEvents,
    int ColdStarts,
    double ColdStartP50Seconds,
    int Requests,
    int Served,
    int Dropped,
    int PeakReplicas);
