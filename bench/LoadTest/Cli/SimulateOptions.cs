using Autoscale.LoadTest.Report;

namespace Autoscale.LoadTest.Cli;

/// <summary>
/// The parsed <c>simulate</c> command line. <paramref name="Slo"/>: the per-request SLO's floors and factors.
/// <paramref name="SteadyStart"/>: every policy starts from the fleet the SLO-feasible bound needs over the first
/// cold-start lead (what a service running before the trace began would have), instead of its first-minute fleet.
/// <paramref name="WarmPoolAll"/>: every policy without a warm pool of its own runs beside a balloon Deployment the
/// size of Autoscale's initial pool. <paramref name="SeedPrefillScale"/>, <paramref name="SeedDecodeScale"/>: the
/// planner's seed off from the simulated GPU by these factors on its prefill and decode step costs.
/// </summary>
internal sealed record SimulateOptions(
    string Trace,
    string Format,
    string? Config,
    IReadOnlyList<string> Policies,
    double RateScale,
    double TimeScale,
    string Profile,
    SloOptions Slo,
    int Seed,
    string? Json,
    string? Html,
    string? Sizes,
    double? DurationSeconds,
    double ServeGenMeanRate,
    bool Progress,
    string? Series = null,
    bool SteadyStart = false,
    bool WarmPoolAll = false,
    double SeedPrefillScale = 1,
    double SeedDecodeScale = 1);
