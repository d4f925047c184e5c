namespace Autoscale.LoadTest.Traces;

/// <summary>One request as replayed: arrival in seconds from the trace start, prompt and output sizes in tokens.</summary>
internal sealed record TraceRequest(int Id, double ArrivalSeconds, int InputTokens, int OutputTokens);
