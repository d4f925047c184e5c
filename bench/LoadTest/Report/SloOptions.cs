namespace Autoscale.LoadTest.Report;

/// <summary>
/// The per-request SLO: a request meets it when TTFT ≤ max(<paramref name="TtftFloorSeconds"/>,
/// <paramref name="TtftFactor"/> × its own TTFT alone on an idle replica) and TPOT ≤ max(
/// <paramref name="TpotFloorSeconds"/>, <paramref name="TpotFactor"/> × the profile's idle inter-token latency).
/// The floor keeps short prompts to an absolute promise; the factor gives a 30k-token prompt the time its prefill
/// needs even alone, so only queueing (the autoscaler's doing) can make it miss. <paramref name="Target"/> is the
/// share of servable requests the SLO-feasible bound must meet.
/// </summary>
internal sealed record SloOptions(
    double TtftFloorSeconds = 2,
    double TtftFactor = 5,
    double TpotFloorSeconds = 0.1,
    double TpotFactor = 3,
    double Target = 0.99)
{
    public static SloOptions Default { get; } = new();
}
