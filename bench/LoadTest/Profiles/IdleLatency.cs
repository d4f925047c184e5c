using Autoscale.VllmEmulator.Model;

namespace Autoscale.LoadTest.Profiles;

/// <summary>One request alone on a fresh replica: the latency every SLO multiple is taken of.</summary>
internal static class IdleLatency
{
    /// <summary>Time to first token of a lone prompt; null when the replica refuses it (beyond <c>max_model_len</c>).</summary>
    public static double? TtftSeconds(ReplicaProfile profile, int promptTokens) =>
        Run(profile, promptTokens, 1) is { } outcome ? outcome.TimeToFirstTokenSeconds : null;

    /// <summary>Mean inter-token latency of a lone request; null when the replica refuses it.</summary>
    public static double? ItlSeconds(ReplicaProfile profile, int promptTokens, int outputTokens)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(outputTokens, 2);
        return Run(profile, promptTokens, outputTokens) is { } outcome
            ? (outcome.FinishedSeconds - outcome.FirstTokenSeconds) / (outputTokens - 1)
            : null;
    }

    private static RequestOutcome? Run(ReplicaProfile profile, int promptTokens, int outputTokens)
    {
        RequestOutcome? result = null;
        var model = new ReplicaModel(profile, o => result = o);
        if (!model.Submit(new RequestArrival(0, 0, promptTokens, outputTokens)))
        {
            return null;
        }

        model.AdvanceTo(double.MaxValue / 4);
        return result;
    }
}
