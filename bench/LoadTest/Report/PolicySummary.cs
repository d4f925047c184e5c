namespace Autoscale.LoadTest.Report;

/// <summary>
/// One policy's line in the JSON summary and the report table. Attainments are over servable requests (a refused
/// request, longer than max_model_len, is a deployment error counted in <see cref="RefusedRequests"/>); TPOT
/// percentiles are over served requests with more than one output token. <see cref="GpuHoursVsFeasibleBound"/> is
/// the cost ratio every comparison uses.
/// </summary>
public sealed record PolicySummary(
    string Name,
    double SloAttainment,
    double TtftAttainment,
    double TpotAttainment,
    double SloAttainmentAfterWarmup,
    int ServableRequests,
    int RefusedRequests,
    double TtftP50Seconds,
    double TtftP95Seconds,
    double TtftP99Seconds,
    double TpotP50Seconds,
    double TpotP95Seconds,
    double TpotP99Seconds,
    double QueueWaitP50Seconds,
    double QueueWaitP95Seconds,
    double QueueWaitP99Seconds,
    double GpuHours,
    double ReplicaGpuHours,
    double FeasibleBoundGpuHours,
    double WorkBoundGpuHours,
    double GpuHoursVsFeasibleBound,
    double GpuHoursVsWorkBound,
    int ScaleEvents,
    int ColdStarts,
    double ColdStartP50Seconds,
    int Served,
    int Dropped,
    int PeakReplicas,
    MissBreakdown Misses,
    string WhyItLost,
    IReadOnlyDictionary<string, string> Config);
