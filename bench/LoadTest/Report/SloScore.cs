namespace Autoscale.LoadTest.Report;

/// <summary>One run judged against the per-request SLO. Attainments are over servable requests (dropped = missed).</summary>
internal sealed record SloScore(
    int Servable,
    int Refused,
    int Met,
    int TtftMet,
    int TpotMet,
    int Dropped,
    double AttainmentAfterWarmup,
    IReadOnlyList<double> Ttft,
    IReadOnlyList<double> Tpot,
    IReadOnlyList<(double At, double Ttft)> TtftByArrival,
    MissBreakdown Misses)
{
    public double Attainment => Share(Met);

    public double TtftAttainment => Share(TtftMet);

    public double TpotAttainment => Share(TpotMet);

    private double Share(int count) => Servable == 0 ? 1 : (double)count / Servable;
}
