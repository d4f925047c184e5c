namespace Autoscale.VllmEmulator.Model;

/// <summary>What happened to one finished request, in model seconds.</summary>
public readonly record struct RequestOutcome(
    long Id,
    double ArrivalSeconds,
    double FirstScheduledSeconds,
    double FirstTokenSeconds,
    double FinishedSeconds,
    int PromptTokens,
    int OutputTokens,
    int Preemptions)
{
    /// <summary>Prompt tokens served from the prefix cache when the request was first scheduled.</summary>
    public int CachedPromptTokens { get; init; }

    public double QueueWaitSeconds => FirstScheduledSeconds - ArrivalSeconds;

    public double TimeToFirstTokenSeconds => FirstTokenSeconds - ArrivalSeconds;

    public double EndToEndSeconds => FinishedSeconds - ArrivalSeconds;
}
