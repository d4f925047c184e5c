namespace Autoscale.Hpa.Spec;

/// <summary>One rate-limit policy: at most <paramref name="Value"/> pods or percent per <paramref name="PeriodSeconds"/>.</summary>
public sealed record HpaScalingPolicy(ScalingPolicyType Type, int Value, int PeriodSeconds);
