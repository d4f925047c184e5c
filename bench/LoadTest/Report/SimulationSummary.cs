namespace Autoscale.LoadTest.Report;

/// <summary>The JSON document: the run's inputs, then one object per policy.</summary>
public sealed record SimulationSummary(
    string Trace,
    string Profile,
    int Seed,
    double RateScale,
    double TimeScale,
    double SloTtftSeconds,
    int Requests,
    double DurationSeconds,
    double ReplicaCapacityRequestsPerSecond,
    double LowerBoundGpuHours,
    double SloCapacityRequestsPerSecond,
    double SloCapacityGpuHours,
    IReadOnlyList<PolicySummary> Policies);
