using Autoscale.ScaleController.Config;
using Autoscale.ScaleController.Decide.Observed;

namespace Autoscale.ScaleController.Decide.History;

/// <summary>
/// Turns Ready pods not yet in the history into samples. A pod with a missing timestamp, a negative phase
/// (clock skew) or a total above <c>maxSampleSeconds</c> is rejected, not clamped: a clamped outlier would still
/// pull the percentile towards a number nobody measured. The node split (<see cref="NodeWait"/>) is only added when
/// its times are consistent; otherwise the sample is kept without it.
/// </summary>
internal static class ColdStartLearner
{
    public static ColdStartHistory Learn(ColdStartHistory history, IEnumerable<ObservedPod> pods, ColdStartPolicy policy, IReadOnlyDictionary<string, ObservedNode>? nodes = null)
    {
        var added = new List<ColdStartSample>();
        foreach (var pod in pods)
        {
            if (!history.Contains(pod.Name) && ToSample(pod, policy, nodes) is { } sample)
            {
                added.Add(sample);
            }
        }

        return added.Count == 0 ? Trim(history, policy) : history.Add(added, policy.HistorySize);
    }

    public static ColdStartSample? ToSample(ObservedPod pod, ColdStartPolicy policy, IReadOnlyDictionary<string, ObservedNode>? nodes = null)
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
        return plausible ? new ColdStartSample(pod.Name, ready, scheduling, pull, load, NodeSplit(pod, scheduled, nodes)) : null;
    }

    /// <summary>
    /// Pod unschedulable → node created → node Ready → pod scheduled, each at or after the one before: then the
    /// node was made for (or at least arrived during) this wait. A node older than the wait, without a Ready
    /// condition, or Ready only after the pod was scheduled (it flapped later) says nothing about it: no split.
    /// </summary>
    private static NodeWait? NodeSplit(ObservedPod pod, DateTimeOffset scheduled, IReadOnlyDictionary<string, ObservedNode>? nodes)
    {
        if (pod is not { UnschedulableSince: { } waiting, NodeName: { } name } || nodes?.GetValueOrDefault(name) is not { ReadySince: { } nodeReady } node)
        {
            return null;
        }

        if (waiting < pod.Created || node.Created < waiting || nodeReady < node.Created || nodeReady > scheduled)
        {
            return null;
        }

        // Offsets from the pod's creation, rounded once each, so the parts never add up to more than scheduling.
        var unschedulable = Seconds(waiting - pod.Created);
        var created = Seconds(node.Created - pod.Created);
        var readyAt = Seconds(nodeReady - pod.Created);
        return new NodeWait(created - unschedulable, readyAt - created);
    }

    // A smaller historySize in a new config shrinks the history on the next decision.
    private static ColdStartHistory Trim(ColdStartHistory history, ColdStartPolicy policy) =>
        history.Samples.Count > policy.HistorySize ? history.Add([], policy.HistorySize) : history;

    private static int Seconds(TimeSpan span) =>
        span.TotalSeconds > int.MaxValue ? int.MaxValue : (int)Math.Round(span.TotalSeconds, MidpointRounding.AwayFromZero);
}
