using Autoscale.Hpa.Calculator;
using Autoscale.Hpa.Spec;

namespace Autoscale.Hpa.Normalization;

public static partial class ReplicaNormalization
{
    private const string ScaleUpLimitMessage = "the desired replica count is increasing faster than the maximum scale rate";
    private const string ScaleDownLimitMessage = "the desired replica count is decreasing faster than the maximum scale rate";
    private const string TooManyReplicasMessage = "the desired replica count is more than the maximum replica count";
    private const string TooFewReplicasMessage = "the desired replica count is less than the minimum replica count";
    private const string DesiredWithinRangeMessage = "the desired count is within the acceptable range";

    /// <summary>
    /// convertDesiredReplicasWithRules (legacy path): clamp to [min, min(max, scale-up limit)]. Below min wins over
    /// the maximum check, as upstream.
    /// </summary>
    public static LimitedReplicas ConvertDesiredReplicasWithRules(int currentReplicas, int desiredReplicas, int hpaMinReplicas, int hpaMaxReplicas) =>
        ConvertDesiredReplicasWithRules(currentReplicas, desiredReplicas, hpaMinReplicas, hpaMaxReplicas, ScaleUpLimitFactor, ScaleUpLimitMinimum);

    /// <summary>convertDesiredReplicasWithRules with upstream's scaleUpLimitFactor and scaleUpLimitMinimum given.</summary>
    public static LimitedReplicas ConvertDesiredReplicasWithRules(
        int currentReplicas, int desiredReplicas, int hpaMinReplicas, int hpaMaxReplicas, double scaleUpLimitFactor, double scaleUpLimitMinimum)
    {
        var scaleUpLimit = CalculateScaleUpLimit(currentReplicas, scaleUpLimitFactor, scaleUpLimitMinimum);
        var (maximumAllowed, reason, message) = hpaMaxReplicas > scaleUpLimit
            ? (scaleUpLimit, "ScaleUpLimit", ScaleUpLimitMessage)
            : (hpaMaxReplicas, "TooManyReplicas", TooManyReplicasMessage);

        if (desiredReplicas < hpaMinReplicas)
        {
            return new LimitedReplicas(hpaMinReplicas, "TooFewReplicas", TooFewReplicasMessage);
        }

        return desiredReplicas > maximumAllowed
            ? new LimitedReplicas(maximumAllowed, reason, message)
            : new LimitedReplicas(desiredReplicas, "DesiredWithinRange", DesiredWithinRangeMessage);
    }

    /// <summary>calculateScaleUpLimit: max(2 × current, 4), saturating.</summary>
    public static int CalculateScaleUpLimit(int currentReplicas) => CalculateScaleUpLimit(currentReplicas, ScaleUpLimitFactor, ScaleUpLimitMinimum);

    /// <summary>calculateScaleUpLimit: max(factor × current, minimum), saturating.</summary>
    public static int CalculateScaleUpLimit(int currentReplicas, double scaleUpLimitFactor, double scaleUpLimitMinimum) =>
        Saturating.ToInt32(Math.Max(scaleUpLimitFactor * currentReplicas, scaleUpLimitMinimum));

    /// <summary>
    /// convertDesiredReplicasWithBehaviorRate: rate limits and min/max, applied only in the direction of movement.
    /// Stabilisation is done separately.
    /// </summary>
    public static LimitedReplicas ConvertDesiredReplicasWithBehaviorRate(
        NormalizationArg args, IReadOnlyList<TimestampedScaleEvent> scaleUpEvents, IReadOnlyList<TimestampedScaleEvent> scaleDownEvents, DateTimeOffset now)
    {
        if (args.DesiredReplicas > args.CurrentReplicas)
        {
            // A limit below current means recent events used the budget: hold, never shrink on a scale-up.
            var scaleUpLimit = Math.Max(
                CalculateScaleUpLimitWithScalingRules(args.CurrentReplicas, scaleUpEvents, scaleDownEvents, args.ScaleUpBehavior, now),
                args.CurrentReplicas);
            var (maximumAllowed, reason, message) = args.MaxReplicas > scaleUpLimit
                ? (scaleUpLimit, "ScaleUpLimit", ScaleUpLimitMessage)
                : (args.MaxReplicas, "TooManyReplicas", TooManyReplicasMessage);
            if (args.DesiredReplicas > maximumAllowed)
            {
                return new LimitedReplicas(maximumAllowed, reason, message);
            }
        }
        else if (args.DesiredReplicas < args.CurrentReplicas)
        {
            var scaleDownLimit = Math.Min(
                CalculateScaleDownLimitWithBehaviors(args.CurrentReplicas, scaleUpEvents, scaleDownEvents, args.ScaleDownBehavior, now),
                args.CurrentReplicas);
            var (minimumAllowed, reason, message) = args.MinReplicas < scaleDownLimit
                ? (scaleDownLimit, "ScaleDownLimit", ScaleDownLimitMessage)
                : (args.MinReplicas, "TooFewReplicas", TooFewReplicasMessage);
            if (args.DesiredReplicas < minimumAllowed)
            {
                return new LimitedReplicas(minimumAllowed, reason, message);
            }
        }

        return new LimitedReplicas(args.DesiredReplicas, "DesiredWithinRange", DesiredWithinRangeMessage);
    }

    /// <summary>
    /// calculateScaleUpLimitWithScalingRules: per policy, the size at the start of its period plus the allowed
    /// growth; Max picks the most permissive policy, Min the least, Disabled freezes at current.
    /// </summary>
    public static int CalculateScaleUpLimitWithScalingRules(
        int currentReplicas, IReadOnlyList<TimestampedScaleEvent> scaleUpEvents, IReadOnlyList<TimestampedScaleEvent> scaleDownEvents,
        HpaScalingRules scalingRules, DateTimeOffset now)
    {
        var select = scalingRules.SelectPolicy ?? ScalingPolicySelect.Max;
        if (select == ScalingPolicySelect.Disabled)
        {
            return currentReplicas;
        }

        var result = select == ScalingPolicySelect.Min ? int.MaxValue : int.MinValue;
        foreach (var policy in scalingRules.Policies ?? [])
        {
            long periodStartReplicas = PeriodStartReplicas(currentReplicas, scaleUpEvents, scaleDownEvents, policy.PeriodSeconds, now);
            // Percent growth rounds up, otherwise a small target could never grow by one pod.
            var proposed = policy.Type == ScalingPolicyType.Pods
                ? Saturating.ToInt32(periodStartReplicas + policy.Value)
                : Saturating.CeilToInt32(periodStartReplicas * (1 + (policy.Value / 100.0)));
            result = select == ScalingPolicySelect.Min ? Math.Min(result, proposed) : Math.Max(result, proposed);
        }

        return result;
    }

    /// <summary>
    /// calculateScaleDownLimitWithBehaviors: per policy, the size at the start of its period minus the allowed
    /// shrink (Percent truncates toward zero and may go negative); Max picks the lowest floor.
    /// </summary>
    public static int CalculateScaleDownLimitWithBehaviors(
        int currentReplicas, IReadOnlyList<TimestampedScaleEvent> scaleUpEvents, IReadOnlyList<TimestampedScaleEvent> scaleDownEvents,
        HpaScalingRules scalingRules, DateTimeOffset now)
    {
        var select = scalingRules.SelectPolicy ?? ScalingPolicySelect.Max;
        if (select == ScalingPolicySelect.Disabled)
        {
            return currentReplicas;
        }

        var result = select == ScalingPolicySelect.Min ? int.MinValue : int.MaxValue;
        foreach (var policy in scalingRules.Policies ?? [])
        {
            long periodStartReplicas = PeriodStartReplicas(currentReplicas, scaleUpEvents, scaleDownEvents, policy.PeriodSeconds, now);
            var proposed = policy.Type == ScalingPolicyType.Pods
                ? Saturating.ToInt32(periodStartReplicas - policy.Value)
                : Saturating.ToInt32(periodStartReplicas * (1 - (policy.Value / 100.0)));
            result = select == ScalingPolicySelect.Min ? Math.Max(result, proposed) : Math.Min(result, proposed);
        }

        return result;
    }

    private static long PeriodStartReplicas(
        int currentReplicas, IReadOnlyList<TimestampedScaleEvent> scaleUpEvents, IReadOnlyList<TimestampedScaleEvent> scaleDownEvents, int periodSeconds, DateTimeOffset now) =>
        (long)currentReplicas - GetReplicasChangePerPeriod(periodSeconds, scaleUpEvents, now) + GetReplicasChangePerPeriod(periodSeconds, scaleDownEvents, now);
}
