using Autoscale.LoadTest.Replicas;
using Autoscale.LoadTest.Traces;

namespace Autoscale.LoadTest.Report;

/// <summary>
/// A second reference beside the fluid bound (which it never replaces): the rate at which one replica still meets
/// the TTFT SLO for <see cref="Attainment"/> of its requests, and the GPU-hours of a fleet that every minute has
/// exactly the replicas needed to keep each at that rate, with instant start. The fluid bound runs every replica
/// saturated, where a queue stands and the SLO cannot hold; this one prices the headroom the SLO itself needs.
/// Measured, not assumed: Poisson arrivals (seeded) with request sizes taken from this trace, on one replica.
/// One replica alone sees burstier arrivals than a replica behind a least-loaded router, so this errs high.
/// </summary>
internal sealed record SloCapacity(double ReplicaRequestsPerSecond, double Attainment, double BinSeconds, IReadOnlyList<int> ReplicasPerBin)
{
    public double GpuHours => ReplicasPerBin.Sum() * BinSeconds / 3600;

    public static SloCapacity Compute(Trace trace, Func<IReplicaEngine> engineFactory, FluidBound bound, double sloSeconds, double attainment = 0.99, int seed = 1)
    {
        var rate = Calibrate(trace, engineFactory, bound.ReplicaRequestsPerSecond, sloSeconds, attainment, seed);
        var counts = Counts(trace, bound.BinSeconds, bound.ReplicasPerBin.Count);
        var replicas = counts.Select(c => Math.Max(1, (int)Math.Ceiling(c / (rate * bound.BinSeconds)))).ToList();
        return new SloCapacity(rate, attainment, bound.BinSeconds, replicas);
    }

    /// <summary>Requests arriving in each bin.</summary>
    public static int[] Counts(Trace trace, double binSeconds, int bins)
    {
        var counts = new int[Math.Max(1, bins)];
        foreach (var request in trace.Requests)
        {
            counts[Math.Min(counts.Length - 1, (int)(request.ArrivalSeconds / binSeconds))]++;
        }

        return counts;
    }

    /// <summary>Bisects the highest Poisson rate at which one replica meets the SLO for the wanted share of requests.</summary>
    public static double Calibrate(Trace trace, Func<IReplicaEngine> engineFactory, double saturation, double sloSeconds, double attainment, int seed)
    {
        if (trace.Requests.Count == 0)
        {
            return saturation;
        }

        var (low, high) = (0.0, saturation);
        for (var i = 0; i < 12; i++)
        {
            var mid = (low + high) / 2;
            if (Attains(trace, engineFactory, mid, sloSeconds, seed) >= attainment)
            {
                low = mid;
            }
            else
            {
                high = mid;
            }
        }

        return Math.Max(low, saturation / 100);
    }

    /// <summary>Share of requests within the SLO on one replica fed Poisson arrivals at <paramref name="rate"/> for 30 minutes.</summary>
    public static double Attains(Trace trace, Func<IReplicaEngine> engineFactory, double rate, double sloSeconds, int seed, double seconds = 1800)
    {
        var random = new Random(seed);
        var engine = engineFactory();
        var finished = new List<FinishedRequest>();
        var (t, id) = (0.0, 0);
        var step = Math.Max(1, trace.Requests.Count / 5000);
        while (true)
        {
            t += -Math.Log(1 - random.NextDouble()) / rate;
            if (t >= seconds)
            {
                break;
            }

            engine.AdvanceTo(t);
            var sample = trace.Requests[(id * step) % trace.Requests.Count];
            // A refused request (above max_model_len) counts as missed, as it does in the runs.
            engine.Submit(sample with { Id = id, ArrivalSeconds = t }, t);
            id++;
        }

        engine.AdvanceTo(seconds + 3600);
        engine.TakeFinished(finished);
        return id == 0 ? 1 : (double)finished.Count(f => f.TtftSeconds <= sloSeconds) / id;
    }
}
