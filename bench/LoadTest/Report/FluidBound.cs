using Autoscale.LoadTest.Replicas;
using Autoscale.LoadTest.Traces;

namespace Autoscale.LoadTest.Report;

/// <summary>
/// The fluid lower bound: a fleet that, every minute, has exactly the replicas that minute's work needs and starts
/// them instantly. A replica's capacity is measured, not assumed: one replica of the profile is saturated with
/// requests drawn from this very trace and its sustained completions per second are taken as its capacity.
/// </summary>
internal sealed record FluidBound(double ReplicaRequestsPerSecond, double BinSeconds, IReadOnlyList<int> ReplicasPerBin)
{
    public double GpuSeconds => ReplicasPerBin.Sum() * BinSeconds;

    public double GpuHours => GpuSeconds / 3600;

    public static FluidBound Compute(Trace trace, Func<IReplicaEngine> engineFactory, double binSeconds = 60, int calibrationRequests = 2000)
    {
        var capacity = Calibrate(trace, engineFactory, calibrationRequests);
        var bins = (int)Math.Ceiling(Math.Max(trace.DurationSeconds, binSeconds) / binSeconds);
        var counts = new int[bins];
        foreach (var request in trace.Requests)
        {
            counts[Math.Min(bins - 1, (int)(request.ArrivalSeconds / binSeconds))]++;
        }

        var replicas = counts.Select(c => Math.Max(1, (int)Math.Ceiling(c / (capacity * binSeconds)))).ToList();
        return new FluidBound(capacity, binSeconds, replicas);
    }

    /// <summary>Completions per second of one replica kept saturated by a sample of the trace's requests.</summary>
    public static double Calibrate(Trace trace, Func<IReplicaEngine> engineFactory, int count)
    {
        if (trace.Requests.Count == 0)
        {
            return 1;
        }

        var engine = engineFactory();
        var step = Math.Max(1, trace.Requests.Count / count);
        var submitted = 0;
        for (var i = 0; i < trace.Requests.Count && submitted < count; i += step)
        {
            if (engine.Submit(trace.Requests[i] with { Id = submitted }, 0))
            {
                submitted++;
            }
        }

        var finished = new List<FinishedRequest>();
        var t = 0.0;
        while (finished.Count < submitted && t < 86_400)
        {
            t += 10;
            engine.AdvanceTo(t);
            engine.TakeFinished(finished);
        }

        // Skip the ramp-up and the tail: the middle 80 % of completions is the sustained rate.
        var times = finished.Select(f => f.FinishedAtSeconds).Order().ToList();
        var from = times[times.Count / 10];
        var to = times[(times.Count * 9 / 10) - 1];
        var n = (times.Count * 9 / 10) - (times.Count / 10);
        return to > from ? n / (to - from) : submitted / Math.Max(1e-9, times[^1]);
    }
}
