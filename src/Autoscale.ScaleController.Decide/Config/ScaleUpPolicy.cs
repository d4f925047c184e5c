using Autoscale.Hpa.Spec;

namespace Autoscale.ScaleController.Config;

/// <summary>Scale-up behavior written to the HPA: no stabilisation and policies that allow a burst.</summary>
public sealed record ScaleUpPolicy(int StabilizationWindowSeconds, ScalingPolicySelect SelectPolicy, IReadOnlyList<HpaScalingPolicy> Policies)
{
    public static ScaleUpPolicy Default { get; } = new(
        StabilizationWindowSeconds: 0,
        SelectPolicy: ScalingPolicySelect.Max,
        Policies: [new HpaScalingPolicy(ScalingPolicyType.Pods, 4, 15), new HpaScalingPolicy(ScalingPolicyType.Percent, 100, 15)]);
}
