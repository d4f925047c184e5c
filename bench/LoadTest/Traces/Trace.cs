namespace Autoscale.LoadTest.Traces;

/// <summary>A replayable workload: requests sorted by arrival, ids dense from 0.</summary>
internal sealed record Trace(string Name, IReadOnlyList<TraceRequest> Requests)
{
    public double DurationSeconds => Requests.Count == 0 ? 0 : Requests[^1].ArrivalSeconds;
}
