using Autoscale.LoadTest.Cluster;
using Autoscale.LoadTest.Report;
using Autoscale.LoadTest.Traces;

namespace Autoscale.LoadTest.Policies;

/// <summary>
/// What only the oracle knows: the requests arriving in every future bin of the trace, and the two per-replica
/// rates it can size for (the SLO-capacity rate, the fluid bound's saturation rate).
/// </summary>
internal sealed record OracleDemand(IReadOnlyList<int> CountsPerBin, double BinSeconds, double SloRequestsPerSecond, double SaturationRequestsPerSecond)
{
    public static OracleDemand From(Trace trace, FluidBound bound, SloCapacity slo) => new(
        SloCapacity.Counts(trace, bound.BinSeconds, bound.ReplicasPerBin.Count), bound.BinSeconds, slo.ReplicaRequestsPerSecond, bound.ReplicaRequestsPerSecond);

    /// <summary>Replicas bin <paramref name="bin"/> needs at <paramref name="rate"/> requests/s per replica (1 past the end).</summary>
    public int Need(int bin, double rate) =>
        bin < 0 || bin >= CountsPerBin.Count ? 1 : Math.Max(1, (int)Math.Ceiling(CountsPerBin[bin] / (rate * BinSeconds)));

    /// <summary>
    /// The <paramref name="quantile"/> of node provisioning + GPU stack init + image pull + model load, from a fixed
    /// sample (seeded, so the oracle is as deterministic as the rest).
    /// </summary>
    public static double ColdStartQuantile(ClusterOptions cluster, double quantile, int samples = 20_000)
    {
        var random = new Random(12345);
        var draws = new double[samples];
        for (var i = 0; i < samples; i++)
        {
            draws[i] = cluster.NodeProvision.Sample(random) + cluster.NodeInit.Sample(random)
                + cluster.ImagePull.Sample(random) + cluster.ModelLoad.Sample(random);
        }

        Array.Sort(draws);
        return draws[Math.Clamp((int)Math.Ceiling(quantile * samples) - 1, 0, samples - 1)];
    }
}
