namespace Autoscale.LoadTest.Replicas;

/// <summary>
/// A completed request as the server saw it, times measured from its arrival at the server: queue wait (until
/// scheduled), time to first token, and completion time in absolute virtual seconds.
/// </summary>
internal sealed record FinishedRequest(int Id, double QueueWaitSeconds, double TtftSeconds, double FinishedAtSeconds);
