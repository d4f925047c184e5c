namespace Autoscale.LoadTest.Cli;

/// <summary>
/// The parsed <c>simulate</c> command line. <paramref name="SteadyStart"/>: every policy starts from the fleet the
/// SLO-capacity rate needs over the first cold-start lead (what a service running before the trace began would
/// have), instead of the fluid bound's first-minute fleet. <paramref name="WarmPoolAll"/>: every policy without a
/// warm pool of its own runs beside a balloon Deployment the size of Autoscale's initial pool.
/// </summary>
internal sealed record SimulateOptions(
    string Trace,
    string Format,
    string? Config,
    IReadOnlyList<string> Policies,
    double RateScale,
    double TimeScale,
    string Profile,
    double SloTtftSeconds,
    int Seed,
    string? Json,
    string? Html,
    string? Sizes,
    double? DurationSeconds,
    double ServeGenMeanRate,
    bool Progress,
    string? Series = null,
    bool SteadyStart = false,
    bool WarmPoolAll = false);
