using Autoscale.LoadTest.Cluster;
using Autoscale.LoadTest.Report;
using Autoscale.LoadTest.Traces;

namespace Autoscale.LoadTest.Policies;

/// <summary>
/// What only the oracle knows: the fleet every future bin of the trace needs, as the SLO-feasible bound sized it
/// (instant starts, the per-request SLO met for 99 % of each bin's requests), and as the work bound sized it (every
/// replica busy all the time, no SLO).
/// </summary>
internal sealed record OracleDemand(IReadOnlyList<int> FeasibleReplicasPerBin, IReadOnlyList<int> WorkReplicasPerBin, double BinSeconds)
{
    public static OracleDemand From(FeasibleBound feasible, WorkBound work) => new(
        feasible.ReplicasPerBin,
        work.ReplicaSecondsPerBin.Select(s => Math.Max(1, (int)Math.Ceiling((s / work.BinSeconds) - 1e-9))).ToList(),
        feasible.BinSeconds);

    /// <summary>Replicas bin <paramref name="bin"/> needs by <paramref name="sizing"/> (1 past the end).</summary>
    public int Need(int bin, OracleSizing sizing)
    {
        var fleet = sizing == OracleSizing.Fluid ? WorkReplicasPerBin : FeasibleReplicasPerBin;
        return bin < 0 || bin >= fleet.Count ? 1 : Math.Max(1, fleet[bin]);
    }

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
