using Autoscale.LoadTest.Simulation;

namespace Autoscale.LoadTest.Report;

/// <summary>Turns a run into its summary line. Values are rounded so the JSON is stable and readable.</summary>
internal static class Summarizer
{
    /// <summary>
    /// Every run starts from the fluid bound's first-minute fleet; a replica asked for at t = 0 on a new node is ready
    /// after ~11 min (p95 ~16 min). Attainment is also reported for arrivals from minute 20, past that transient.
    /// </summary>
    public const double WarmupSeconds = 1200;

    public static PolicySummary Summarize(RunResult run, FluidBound bound, SloCapacity slo, double sloSeconds)
    {
        var ledger = run.Requests;
        var gpuHours = run.NodeGpuSeconds / 3600;
        var lower = bound.GpuHours;
        var coldSeconds = run.ColdStarts.Select(c => c.Seconds).ToList();
        return new PolicySummary(
            run.Policy,
            R(ledger.Arrived == 0 ? 1 : (double)ledger.WithinSlo / ledger.Arrived, 4),
            R(ledger.AttainmentFrom(WarmupSeconds, sloSeconds), 4),
            R(gpuHours, 3),
            R(run.ReplicaGpuSeconds / 3600, 3),
            R(lower, 3),
            R(lower > 0 ? gpuHours / lower : 0, 3),
            R(slo.GpuHours > 0 ? gpuHours / slo.GpuHours : 0, 3),
            R(Percentiles.Of(ledger.Ttft, 50), 3),
            R(Percentiles.Of(ledger.Ttft, 95), 3),
            R(Percentiles.Of(ledger.Ttft, 99), 3),
            R(Percentiles.Of(ledger.QueueWait, 50), 3),
            R(Percentiles.Of(ledger.QueueWait, 95), 3),
            R(Percentiles.Of(ledger.QueueWait, 99), 3),
            run.ScaleEventTimes.Count,
            run.ColdStarts.Count,
            R(Percentiles.Of(coldSeconds, 50), 1),
            ledger.Arrived,
            ledger.Served,
            ledger.Dropped,
            run.Series.Count == 0 ? 0 : run.Series.Max(p => p.Ready));
    }

    private static double R(double value, int digits) => Math.Round(value, digits, MidpointRounding.AwayFromZero);
}
