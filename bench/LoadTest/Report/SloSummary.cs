namespace Autoscale.LoadTest.Report;

/// <summary>The SLO as run: the flags' values and the profile's idle inter-token latency the TPOT limit derives from.</summary>
public sealed record SloSummary(
    double TtftFloorSeconds,
    double TtftFactor,
    double TpotFloorSeconds,
    double TpotFactor,
    double IdleItlSeconds,
    double TpotLimitSeconds,
    double Target);
