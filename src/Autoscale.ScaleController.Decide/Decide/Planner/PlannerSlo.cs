namespace Autoscale.ScaleController.Decide.Planner;

/// <summary>
/// The per-request SLO as the benchmark states it: TTFT ≤ max(floor, factor × the prompt's TTFT alone on an idle
/// replica) and TPOT ≤ max(floor, factor × the idle inter-token latency), for <see cref="Attainment"/> of requests.
/// The floors keep short requests to an absolute promise; the factors give long prompts the time they need even alone.
/// Defaults are the benchmark's.
/// </summary>
public sealed record PlannerSlo(
    double TtftFloorSeconds = 2,
    double TtftFactor = 5,
    double TpotFloorSeconds = 0.1,
    double TpotFactor = 3,
    double Attainment = 0.99)
{
    public static PlannerSlo Default { get; } = new();
}
