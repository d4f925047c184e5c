using Autoscale.LoadTest.Simulation;

namespace Autoscale.LoadTest.Report;

/// <summary>Turns a scored run into its summary line. Values are rounded so the JSON is stable and readable.</summary>
internal static class Summarizer
{
    /// <summary>
    /// A replica asked for at t = 0 on a new node is ready after ~11 min (p95 ~16 min): misses of arrivals before
    /// minute 20 are the start transient, and attainment is also reported from minute 20 on.
    /// </summary>
    public const double WarmupSeconds = 1200;

    /// <param name="gpusPerReplica">
    /// The profile's GPUs per replica: the simulator holds one replica per node and bills node-seconds and replica-seconds
    /// (the bounds too), so a GPU-hour is those times the replica's GPUs (4 for a TP4 replica). Ratios do not change.
    /// </param>
    public static PolicySummary Summarize(
        RunResult run, SloScore score, FeasibleBound feasible, WorkBound work, IReadOnlyDictionary<string, string> config, int maxNodes, int gpusPerReplica)
    {
        var gpuHours = run.NodeGpuSeconds * gpusPerReplica / 3600;
        var coldSeconds = run.ColdStarts.Select(c => c.Seconds).ToList();
        return new PolicySummary(
            run.Policy,
            R(score.Attainment, 4),
            R(score.TtftAttainment, 4),
            R(score.TpotAttainment, 4),
            R(score.AttainmentAfterWarmup, 4),
            score.Servable,
            score.Refused,
            R(Percentiles.Of(score.Ttft, 50), 3),
            R(Percentiles.Of(score.Ttft, 95), 3),
            R(Percentiles.Of(score.Ttft, 99), 3),
            R(Percentiles.Of(score.Tpot, 50), 4),
            R(Percentiles.Of(score.Tpot, 95), 4),
            R(Percentiles.Of(score.Tpot, 99), 4),
            R(Percentiles.Of(run.Requests.QueueWait, 50), 3),
            R(Percentiles.Of(run.Requests.QueueWait, 95), 3),
            R(Percentiles.Of(run.Requests.QueueWait, 99), 3),
            R(gpuHours, 3),
            R(run.ReplicaGpuSeconds * gpusPerReplica / 3600, 3),
            R(feasible.ReplicaHours * gpusPerReplica, 3),
            R(work.ReplicaHours * gpusPerReplica, 3),
            R(feasible.ReplicaHours > 0 ? gpuHours / (feasible.ReplicaHours * gpusPerReplica) : 0, 3),
            R(work.ReplicaHours > 0 ? gpuHours / (work.ReplicaHours * gpusPerReplica) : 0, 3),
            run.ScaleEventTimes.Count,
            run.ColdStarts.Count,
            R(Percentiles.Of(coldSeconds, 50), 1),
            run.Requests.Served,
            score.Dropped,
            run.Series.Count == 0 ? 0 : run.Series.Max(p => p.Ready),
            score.Misses,
            LossExplanation.Explain(score, maxNodes, WarmupSeconds, feasible.ReplicaHours > 0 ? gpuHours / (feasible.ReplicaHours * gpusPerReplica) : double.NaN),
            config);
    }

    private static double R(double value, int digits) => Math.Round(value, digits, MidpointRounding.AwayFromZero);
}
