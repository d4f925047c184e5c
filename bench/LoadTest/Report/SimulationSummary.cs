namespace Autoscale.LoadTest.Report;

/// <summary>
/// The JSON document: the run's inputs, the SLO and the two bounds, then one object per policy.
/// <see cref="FeasibleBoundAttainment"/> is the SLO attainment the feasible bound's own fleet gets (instant starts).
/// </summary>
public sealed record SimulationSummary(
    string Trace,
    string Profile,
    int Seed,
    double RateScale,
    double TimeScale,
    SloSummary Slo,
    int Requests,
    int ServableRequests,
    int RefusedRequests,
    double DurationSeconds,
    int MaxNodes,
    double WorkBoundGpuHours,
    double FeasibleBoundGpuHours,
    double FeasibleBoundAttainment,
    IReadOnlyList<PolicySummary> Policies);
