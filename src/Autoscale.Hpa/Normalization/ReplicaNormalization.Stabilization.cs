using System.Collections.Immutable;
using Autoscale.Hpa.Pods;
using Autoscale.Hpa.Reconcile;
using Autoscale.Hpa.Spec;

namespace Autoscale.Hpa.Normalization;

/// <summary>
/// The normalisation half of upstream's horizontal.go, as pure functions: the controller's per-HPA maps become
/// explicit history arguments and results, time.Now() becomes <c>now</c>.
/// </summary>
public static partial class ReplicaNormalization
{
    // Production values; upstream's horizontal_test.go overrides the factor to 8 in init(), these tests do not.
    public const double ScaleUpLimitFactor = 2.0;
    public const double ScaleUpLimitMinimum = 4.0;

    private const string ReadyForNewScaleMessage = "recommended size matches current size";
    private const string ScaleDownStabilizedMessage = "recent recommendations were higher than current one, applying the highest recent recommendation";
    private const string ScaleUpStabilizedMessage = "recent recommendations were lower than current one, applying the lowest recent recommendation";

    /// <summary>recordInitialRecommendation: seeds the history with the current size the first time an HPA is seen.</summary>
    public static ImmutableList<TimestampedRecommendation> RecordInitialRecommendation(
        ImmutableList<TimestampedRecommendation>? recommendations, int currentReplicas, DateTimeOffset now) =>
        recommendations ?? [new TimestampedRecommendation(currentReplicas, now)];

    /// <summary>
    /// stabilizeRecommendation (legacy path): the max of recommendations not older than the window; the new one
    /// replaces the last too-old entry, else is appended.
    /// </summary>
    public static (int Stabilized, ImmutableList<TimestampedRecommendation> Recommendations) StabilizeRecommendation(
        IReadOnlyList<TimestampedRecommendation> recommendations, int prenormalizedDesiredReplicas, TimeSpan downscaleStabilisationWindow, DateTimeOffset now)
    {
        var maxRecommendation = prenormalizedDesiredReplicas;
        var oldSampleIndex = -1;
        var cutoff = now - downscaleStabilisationWindow;
        for (var i = 0; i < recommendations.Count; i++)
        {
            var rec = recommendations[i];
            if (rec.Timestamp < cutoff)
            {
                oldSampleIndex = i;
            }
            else if (rec.Recommendation > maxRecommendation)
            {
                maxRecommendation = rec.Recommendation;
            }
        }

        return (maxRecommendation, Record(recommendations, oldSampleIndex, new TimestampedRecommendation(prenormalizedDesiredReplicas, now)));
    }

    /// <summary>normalizeDesiredReplicas: the path taken when the HPA has no behavior.</summary>
    public static Normalized NormalizeDesiredReplicas(
        IReadOnlyList<TimestampedRecommendation> recommendations, int currentReplicas, int prenormalizedDesiredReplicas,
        int minReplicas, int maxReplicas, TimeSpan downscaleStabilisationWindow, DateTimeOffset now) =>
        NormalizeDesiredReplicas(recommendations, currentReplicas, prenormalizedDesiredReplicas, minReplicas, maxReplicas,
            downscaleStabilisationWindow, now, ScaleUpLimitFactor, ScaleUpLimitMinimum);

    /// <summary>normalizeDesiredReplicas with upstream's scaleUpLimitFactor and scaleUpLimitMinimum given.</summary>
    public static Normalized NormalizeDesiredReplicas(
        IReadOnlyList<TimestampedRecommendation> recommendations, int currentReplicas, int prenormalizedDesiredReplicas,
        int minReplicas, int maxReplicas, TimeSpan downscaleStabilisationWindow, DateTimeOffset now,
        double scaleUpLimitFactor, double scaleUpLimitMinimum)
    {
        var (stabilized, history) = StabilizeRecommendation(recommendations, prenormalizedDesiredReplicas, downscaleStabilisationWindow, now);
        var ableToScale = stabilized != prenormalizedDesiredReplicas
            ? new HpaCondition(HpaConditionType.AbleToScale, ConditionStatus.True, "ScaleDownStabilized", ScaleDownStabilizedMessage)
            : new HpaCondition(HpaConditionType.AbleToScale, ConditionStatus.True, "ReadyForNewScale", ReadyForNewScaleMessage);
        var converted = ConvertDesiredReplicasWithRules(currentReplicas, stabilized, minReplicas, maxReplicas, scaleUpLimitFactor, scaleUpLimitMinimum);
        return new Normalized(converted.Replicas, ableToScale, Limited(converted, stabilized), history);
    }

    /// <summary>
    /// normalizeDesiredReplicasWithBehaviors: stabilise (both windows), then rate-limit by the policies.
    /// A null scale-down window takes <paramref name="downscaleStabilisationWindow"/> (maybeInitScaleDownStabilizationWindow).
    /// </summary>
    public static Normalized NormalizeDesiredReplicasWithBehaviors(
        HpaBehavior behavior, IReadOnlyList<TimestampedRecommendation> recommendations,
        IReadOnlyList<TimestampedScaleEvent> scaleUpEvents, IReadOnlyList<TimestampedScaleEvent> scaleDownEvents,
        int currentReplicas, int prenormalizedDesiredReplicas, int minReplicas, int maxReplicas,
        TimeSpan downscaleStabilisationWindow, DateTimeOffset now)
    {
        var scaleUp = HpaDefaults.GenerateHpaScaleUpRules(behavior.ScaleUp);
        var scaleDown = MaybeInitScaleDownStabilizationWindow(HpaDefaults.GenerateHpaScaleDownRules(behavior.ScaleDown), downscaleStabilisationWindow);
        var args = new NormalizationArg(scaleUp, scaleDown, minReplicas, maxReplicas, currentReplicas, prenormalizedDesiredReplicas);
        var stabilized = StabilizeRecommendationWithBehaviors(args, recommendations, now);
        var ableToScale = stabilized.Replicas != prenormalizedDesiredReplicas
            ? new HpaCondition(HpaConditionType.AbleToScale, ConditionStatus.True, stabilized.Reason, stabilized.Message)
            : new HpaCondition(HpaConditionType.AbleToScale, ConditionStatus.True, "ReadyForNewScale", ReadyForNewScaleMessage);
        var converted = ConvertDesiredReplicasWithBehaviorRate(args with { DesiredReplicas = stabilized.Replicas }, scaleUpEvents, scaleDownEvents, now);
        return new Normalized(converted.Replicas, ableToScale, Limited(converted, stabilized.Replicas), stabilized.Recommendations);
    }

    /// <summary>
    /// stabilizeRecommendationWithBehaviors: the result is current clamped into [min over the up window,
    /// max over the down window], so it never moves past current in the wrong direction.
    /// </summary>
    public static Stabilized StabilizeRecommendationWithBehaviors(
        NormalizationArg args, IReadOnlyList<TimestampedRecommendation> recommendations, DateTimeOffset now)
    {
        var upRecommendation = args.DesiredReplicas;
        var upCutoff = now - TimeSpan.FromSeconds(args.ScaleUpBehavior.StabilizationWindowSeconds ?? 0);
        var downRecommendation = args.DesiredReplicas;
        var downCutoff = now - TimeSpan.FromSeconds(args.ScaleDownBehavior.StabilizationWindowSeconds ?? 0);
        var oldSampleIndex = -1;
        for (var i = 0; i < recommendations.Count; i++)
        {
            var rec = recommendations[i];
            if (rec.Timestamp > upCutoff)
            {
                upRecommendation = Math.Min(rec.Recommendation, upRecommendation);
            }

            if (rec.Timestamp > downCutoff)
            {
                downRecommendation = Math.Max(rec.Recommendation, downRecommendation);
            }

            if (rec.Timestamp < upCutoff && rec.Timestamp < downCutoff)
            {
                oldSampleIndex = i;
            }
        }

        var recommendation = args.CurrentReplicas;
        if (recommendation < upRecommendation)
        {
            recommendation = upRecommendation;
        }

        if (recommendation > downRecommendation)
        {
            recommendation = downRecommendation;
        }

        var history = Record(recommendations, oldSampleIndex, new TimestampedRecommendation(args.DesiredReplicas, now));
        return args.DesiredReplicas >= args.CurrentReplicas
            ? new Stabilized(recommendation, "ScaleUpStabilized", ScaleUpStabilizedMessage, history)
            : new Stabilized(recommendation, "ScaleDownStabilized", ScaleDownStabilizedMessage, history);
    }

    /// <summary>maybeInitScaleDownStabilizationWindow: a null window means the controller's flag value.</summary>
    public static HpaScalingRules MaybeInitScaleDownStabilizationWindow(HpaScalingRules scaleDown, TimeSpan downscaleStabilisationWindow) =>
        scaleDown.StabilizationWindowSeconds is null
            ? scaleDown with { StabilizationWindowSeconds = (int)downscaleStabilisationWindow.TotalSeconds }
            : scaleDown;

    private static HpaCondition Limited(LimitedReplicas converted, int stabilized) =>
        new(HpaConditionType.ScalingLimited, converted.Replicas == stabilized ? ConditionStatus.False : ConditionStatus.True, converted.Reason, converted.Message);

    // Replacing the last old entry instead of appending keeps the history bounded; upstream tests observe it.
    private static ImmutableList<TimestampedRecommendation> Record(
        IReadOnlyList<TimestampedRecommendation> recommendations, int oldSampleIndex, TimestampedRecommendation recommendation)
    {
        var list = recommendations as ImmutableList<TimestampedRecommendation> ?? [.. recommendations];
        return oldSampleIndex >= 0 ? list.SetItem(oldSampleIndex, recommendation) : list.Add(recommendation);
    }
}
