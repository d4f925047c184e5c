using System.Collections.Immutable;
using Autoscale.Hpa.Spec;

namespace Autoscale.Hpa.Normalization;

public static partial class ReplicaNormalization
{
    /// <summary>getReplicasChangePerPeriod: sum of changes strictly newer than now − period (the outdated flag is not read).</summary>
    public static long GetReplicasChangePerPeriod(int periodSeconds, IReadOnlyList<TimestampedScaleEvent> scaleEvents, DateTimeOffset now)
    {
        var cutoff = now - TimeSpan.FromSeconds(periodSeconds);
        long replicas = 0;
        foreach (var rec in scaleEvents)
        {
            if (rec.Timestamp > cutoff)
            {
                replicas += rec.ReplicaChange;
            }
        }

        return replicas;
    }

    /// <summary>
    /// storeScaleEvent: after a successful rescale, record |new − prev| in the direction's list, reusing the last
    /// slot older than that direction's longest policy period. A null behavior stores nothing (legacy path).
    /// </summary>
    public static (ImmutableList<TimestampedScaleEvent> ScaleUpEvents, ImmutableList<TimestampedScaleEvent> ScaleDownEvents) StoreScaleEvent(
        HpaBehavior? behavior, ImmutableList<TimestampedScaleEvent> scaleUpEvents, ImmutableList<TimestampedScaleEvent> scaleDownEvents,
        int prevReplicas, int newReplicas, DateTimeOffset now)
    {
        if (behavior is null)
        {
            return (scaleUpEvents, scaleDownEvents);
        }

        if (newReplicas > prevReplicas)
        {
            var longest = GetLongestPolicyPeriod(HpaDefaults.GenerateHpaScaleUpRules(behavior.ScaleUp));
            return (Store(scaleUpEvents, longest, (long)newReplicas - prevReplicas, now), scaleDownEvents);
        }

        var longestDown = GetLongestPolicyPeriod(HpaDefaults.GenerateHpaScaleDownRules(behavior.ScaleDown));
        return (scaleUpEvents, Store(scaleDownEvents, longestDown, (long)prevReplicas - newReplicas, now));
    }

    /// <summary>markScaleEventsOutdated: flags events strictly older than now − longest period.</summary>
    public static ImmutableList<TimestampedScaleEvent> MarkScaleEventsOutdated(
        ImmutableList<TimestampedScaleEvent> scaleEvents, int longestPolicyPeriod, DateTimeOffset now)
    {
        var cutoff = now - TimeSpan.FromSeconds(longestPolicyPeriod);
        return scaleEvents.ConvertAll(e => e.Timestamp < cutoff ? e with { Outdated = true } : e);
    }

    public static int GetLongestPolicyPeriod(HpaScalingRules scalingRules)
    {
        var longest = 0;
        foreach (var policy in scalingRules.Policies ?? [])
        {
            longest = Math.Max(longest, policy.PeriodSeconds);
        }

        return longest;
    }

    private static ImmutableList<TimestampedScaleEvent> Store(ImmutableList<TimestampedScaleEvent> events, int longestPolicyPeriod, long change, DateTimeOffset now)
    {
        var marked = MarkScaleEventsOutdated(events, longestPolicyPeriod, now);
        var newEvent = new TimestampedScaleEvent((int)Math.Min(change, int.MaxValue), now);
        var oldSampleIndex = marked.FindLastIndex(e => e.Outdated);
        return oldSampleIndex >= 0 ? marked.SetItem(oldSampleIndex, newEvent) : marked.Add(newEvent);
    }
}
