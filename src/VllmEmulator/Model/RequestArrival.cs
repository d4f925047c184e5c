namespace Autoscale.VllmEmulator.Model;

/// <summary>One request given to a replica: when it arrives (model seconds) and its token counts.</summary>
public readonly record struct RequestArrival(long Id, double ArrivalSeconds, int PromptTokens, int OutputTokens);
