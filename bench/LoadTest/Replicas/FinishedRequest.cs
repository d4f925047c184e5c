namespace Autoscale.LoadTest.Replicas;

/// <summary>
/// A completed request as the server saw it: queue wait (until scheduled) and time to first token, measured from its
/// arrival at the server; its first token and its completion in absolute virtual seconds (their difference over the
/// output tokens after the first is its time per output token).
/// </summary>
internal sealed record FinishedRequest(int Id, double QueueWaitSeconds, double TtftSeconds, double FinishedAtSeconds, double FirstTokenAtSeconds);
