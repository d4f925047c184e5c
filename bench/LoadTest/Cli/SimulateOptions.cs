namespace Autoscale.LoadTest.Cli;

/// <summary>The parsed <c>simulate</c> command line.</summary>
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
    string? Series = null);
