using Autoscale.Hpa.Spec;

namespace Autoscale.ScaleController.Decide.Behavior;

/// <summary>Reads, compares, renders and assembles behavior fields one at a time, so pins apply per field.</summary>
internal static class BehaviorValues
{
    public static object? Get(HpaBehavior? behavior, BehaviorField field) => field switch
    {
        BehaviorField.ScaleUpStabilizationWindowSeconds => behavior?.ScaleUp?.StabilizationWindowSeconds,
        BehaviorField.ScaleUpSelectPolicy => behavior?.ScaleUp?.SelectPolicy,
        BehaviorField.ScaleUpPolicies => behavior?.ScaleUp?.Policies,
        BehaviorField.ScaleDownStabilizationWindowSeconds => behavior?.ScaleDown?.StabilizationWindowSeconds,
        BehaviorField.ScaleDownSelectPolicy => behavior?.ScaleDown?.SelectPolicy,
        BehaviorField.ScaleDownPolicies => behavior?.ScaleDown?.Policies,
        _ => throw new ArgumentOutOfRangeException(nameof(field), field, null),
    };

    public static bool Same(object? a, object? b) =>
        a is IReadOnlyList<HpaScalingPolicy> x && b is IReadOnlyList<HpaScalingPolicy> y ? x.SequenceEqual(y) : Equals(a, b);

    public static string Render(object? value) => value switch
    {
        null => "unset",
        IReadOnlyList<HpaScalingPolicy> policies => "[" + string.Join(", ", policies.Select(p => $"{p.Type} {p.Value}/{p.PeriodSeconds}s")) + "]",
        int seconds => $"{seconds}s",
        _ => value.ToString() ?? "",
    };

    /// <summary>Builds a behavior from per-field values; tolerance is not ours and is carried over untouched.</summary>
    public static HpaBehavior Assemble(Func<BehaviorField, object?> value, HpaBehavior? current) => new(
        new HpaScalingRules(
            (int?)value(BehaviorField.ScaleUpStabilizationWindowSeconds),
            (ScalingPolicySelect?)value(BehaviorField.ScaleUpSelectPolicy),
            (IReadOnlyList<HpaScalingPolicy>?)value(BehaviorField.ScaleUpPolicies),
            current?.ScaleUp?.Tolerance),
        new HpaScalingRules(
            (int?)value(BehaviorField.ScaleDownStabilizationWindowSeconds),
            (ScalingPolicySelect?)value(BehaviorField.ScaleDownSelectPolicy),
            (IReadOnlyList<HpaScalingPolicy>?)value(BehaviorField.ScaleDownPolicies),
            current?.ScaleDown?.Tolerance));
}
