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
    public double QueueWaitSeconds => FirstScheduledSeconds - ArrivalSeconds;

    public double TimeToFirstTokenSeconds => FirstTokenSeconds - ArrivalSeconds;

    public double EndToEndSeconds => FinishedSeconds - ArrivalSeconds;
}
