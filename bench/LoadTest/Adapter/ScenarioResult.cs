namespace Autoscale.LoadTest.Adapter;

/// <summary>
/// One measured scenario. Latencies in ms; target rate 0 for closed-loop stress; CPU in cores, heap and resident
/// set in MB, all of the adapter process alone; the load average (1/5/15 min) when the scenario ended.
/// <see cref="ServerP99UpToMs"/>: the upper bound of the adapter's own request-duration bucket holding the p99
/// (time inside its middleware, <see cref="ServerLatency"/>); <see cref="ServerWithin5MsShare"/>: share within 5 ms there.
/// <see cref="SentP99Ms"/>: p99 counted from the actual send instead of the scheduled one (the generator's lateness left out).
/// </summary>
internal sealed record ScenarioResult(
    string Mode,
    int Pods,
    int Hpas,
    int PodsPerQuery,
    int Connections,
    double TargetRate,
    double Seconds,
    long Requests,
    long Errors,
    double Throughput,
    double P50Ms,
    double P90Ms,
    double P99Ms,
    double P999Ms,
    double MaxMs,
    double SentP99Ms,
    double ServerP99UpToMs,
    double ServerWithin5MsShare,
    double CpuCores,
    double HeapMb,
    double ResidentMb,
    string LoadAverage);
