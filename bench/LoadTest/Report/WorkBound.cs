using Autoscale.LoadTest.Traces;
using Autoscale.VllmEmulator.Model;

namespace Autoscale.LoadTest.Report;

/// <summary>
/// The work bound: per bin, the replica-seconds its servable arrivals need at the best batch (<see cref="ReplicaWork"/>),
/// without queueing, rounding or a minimum fleet. No fleet can serve the trace on fewer GPU-hours; refused
/// requests are no demand (the server does no work for them).
/// </summary>
internal sealed record WorkBound(double BinSeconds, IReadOnlyList<double> ReplicaSecondsPerBin)
{
    /// <summary>Replica-hours; GPU-hours are these times the profile's GPUs per replica.</summary>
    public double ReplicaHours => ReplicaSecondsPerBin.Sum() / 3600;

    /// <summary>Replicas busy all through bin <paramref name="bin"/> (fractional).</summary>
    public double Replicas(int bin) => ReplicaSecondsPerBin[bin] / BinSeconds;

    public static WorkBound Compute(Trace trace, ReplicaProfile profile, Func<TraceRequest, bool> servable, double binSeconds = 60)
    {
        var work = new double[Bins(trace, binSeconds)];
        foreach (var request in trace.Requests)
        {
            if (servable(request))
            {
                work[Math.Min(work.Length - 1, (int)(request.ArrivalSeconds / binSeconds))] += ReplicaWork.Seconds(profile, request.InputTokens, request.OutputTokens);
            }
        }

        return new WorkBound(binSeconds, work);
    }

    /// <summary>Bins covering the trace, at least one.</summary>
    public static int Bins(Trace trace, double binSeconds) => (int)Math.Ceiling(Math.Max(trace.DurationSeconds, binSeconds) / binSeconds);
}
