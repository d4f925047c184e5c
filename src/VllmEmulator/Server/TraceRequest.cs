namespace Autoscale.VllmEmulator.Server;

/// <summary>One trace row: seconds after the trace's first arrival, and its token counts.</summary>
public readonly record struct TraceRequest(double OffsetSeconds, int PromptTokens, int OutputTokens);
