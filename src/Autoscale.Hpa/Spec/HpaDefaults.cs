namespace Autoscale.Hpa.Spec;

/// <summary>
/// Port of pkg/apis/autoscaling/v2/defaults.go: the values the API server fills into a non-null behavior.
/// The scale-down stabilisation window stays null on purpose: the controller replaces it with its
/// <c>--horizontal-pod-autoscaler-downscale-stabilization</c> flag (maybeInitScaleDownStabilizationWindow).
/// </summary>
public static class HpaDefaults
{
    private const int ScaleUpLimitPercent = 100;
    private const int ScaleUpLimitMinimumPods = 4;
    private const int ScaleUpPeriod = 15;
    private const int ScaleUpStabilizationSeconds = 0;
    private const int ScaleDownPeriod = 15;
    private const int ScaleDownLimitPercent = 100;

    public static HpaScalingRules DefaultScaleUpRules { get; } = new(
        StabilizationWindowSeconds: ScaleUpStabilizationSeconds,
        SelectPolicy: ScalingPolicySelect.Max,
        Policies:
        [
            new HpaScalingPolicy(ScalingPolicyType.Pods, ScaleUpLimitMinimumPods, ScaleUpPeriod),
            new HpaScalingPolicy(ScalingPolicyType.Percent, ScaleUpLimitPercent, ScaleUpPeriod),
        ]);

    public static HpaScalingRules DefaultScaleDownRules { get; } = new(
        StabilizationWindowSeconds: null,
        SelectPolicy: ScalingPolicySelect.Max,
        Policies: [new HpaScalingPolicy(ScalingPolicyType.Percent, ScaleDownLimitPercent, ScaleDownPeriod)]);

    /// <summary>Fills both directions of a non-null behavior; a null behavior stays null (legacy path).</summary>
    public static HpaBehavior? SetDefaults_HorizontalPodAutoscalerBehavior(HpaBehavior? behavior) =>
        behavior is null
            ? null
            : new HpaBehavior(GenerateHpaScaleUpRules(behavior.ScaleUp), GenerateHpaScaleDownRules(behavior.ScaleDown));

    public static HpaScalingRules GenerateHpaScaleUpRules(HpaScalingRules? rules) => CopyHpaScalingRules(rules, DefaultScaleUpRules);

    public static HpaScalingRules GenerateHpaScaleDownRules(HpaScalingRules? rules) => CopyHpaScalingRules(rules, DefaultScaleDownRules);

    // Each set field replaces the default; a user policy list replaces the default list entirely.
    private static HpaScalingRules CopyHpaScalingRules(HpaScalingRules? from, HpaScalingRules to) =>
        from is null
            ? to
            : new HpaScalingRules(
                from.StabilizationWindowSeconds ?? to.StabilizationWindowSeconds,
                from.SelectPolicy ?? to.SelectPolicy,
                from.Policies ?? to.Policies,
                from.Tolerance ?? to.Tolerance);
}
