using Autoscale.ScaleController.Config;
using Autoscale.ScaleController.Decide.Observed;

namespace Autoscale.ScaleController.Decide.History;

/// <summary>
/// Turns Ready pods not yet in the history into samples. A pod with a missing timestamp, a negative phase
/// (clock skew) or a total above <c>maxSampleSeconds</c> is rejected, not clamped: a clamped outlier would still
/// pull the percentile towards a number nobody measured.
/// </summary>
internal static class ColdStartLearner
{
    public static ColdStartHistory Learn(ColdStartHistory history, IEnumerable<ObservedPod> pods, ColdStartPolicy policy)
    {
        var added = new List<ColdStartSample>();
        foreach (var pod in pods)
        {
            if (!history.Contains(pod.Name) && ToSample(pod, policy) is { } sample)
            {
                added.Add(sample);
            }
        }

        return added.Count == 0 ? Trim(history, policy) : history.Add(added, policy.HistorySize);
    }

    public static ColdStartSample? ToSample(ObservedPod pod, ColdStartPolicy policy)
    {
        if (pod is not { Scheduled: { } scheduled, ContainersStarted: { } started, Ready: { } ready })
        {
            return null;
        }

        var scheduling = Seconds(scheduled - pod.Created);
        var pull = Seconds(started - scheduled);
        var load = Seconds(ready - started);
        var plausible = scheduling >= 0 && pull >= 0 && load >= 0
            && (long)scheduling + pull + load <= policy.MaxSampleSeconds;
        return plausible ? new ColdStartSample(pod.Name, ready, scheduling, pull, load) : null;
    }

    // A smaller historySize in a new config shrinks the history on the next decision.
    private static ColdStartHistory Trim(ColdStartHistory history, ColdStartPolicy policy) =>
        history.Samples.Count > policy.HistorySize ? history.Add([], policy.HistorySize) : history;

    private static int Seconds(TimeSpan span) =>
        span.TotalSeconds > int.MaxValue ? int.MaxValue : (int)Math.Round(span.TotalSeconds, MidpointRounding.AwayFromZero);
}
