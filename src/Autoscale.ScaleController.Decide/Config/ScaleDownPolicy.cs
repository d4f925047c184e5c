using Autoscale.Hpa.Spec;

namespace Autoscale.ScaleController.Config;

/// <summary>
/// Model-load-aware scale-down: window = clamp(factor × p-cold-start, min, max), rounded up to a step so that
/// every new sample does not rewrite the HPA; rate limits; and a hold while replicas are still loading.
/// </summary>
public sealed record ScaleDownPolicy(
    double WindowFactor,
    int MinWindowSeconds,
    int MaxWindowSeconds,
    int DefaultWindowSeconds,
    int WindowStepSeconds,
    ScalingPolicySelect SelectPolicy,
    IReadOnlyList<HpaScalingPolicy> Policies,
    bool HoldWhileLoading,
    int MaxHoldSeconds)
{
    public static ScaleDownPolicy Default { get; } = new(
        WindowFactor: 1.5,
        MinWindowSeconds: 120,
        MaxWindowSeconds: 1800,
        DefaultWindowSeconds: 600,
        WindowStepSeconds: 30,
        SelectPolicy: ScalingPolicySelect.Max,
        Policies: [new HpaScalingPolicy(ScalingPolicyType.Percent, 10, 60), new HpaScalingPolicy(ScalingPolicyType.Pods, 1, 60)],
        HoldWhileLoading: true,
        MaxHoldSeconds: 1800);
}
