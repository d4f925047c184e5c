namespace Autoscale.Hpa.Spec;

/// <summary>
/// autoscaling/v2 <c>HPAScalingRules</c>. Every field is optional as in the API; <see cref="HpaDefaults"/> fills them.
/// <paramref name="Tolerance"/> is the per-HPA tolerance (KEP-4951), a fraction (0.1 = 10%).
/// </summary>
public sealed record HpaScalingRules(
    int? StabilizationWindowSeconds = null,
    ScalingPolicySelect? SelectPolicy = null,
    IReadOnlyList<HpaScalingPolicy>? Policies = null,
    double? Tolerance = null);
