namespace Autoscale.Hpa.Spec;

/// <summary>autoscaling/v2 <c>HorizontalPodAutoscalerBehavior</c>.</summary>
public sealed record HpaBehavior(HpaScalingRules? ScaleUp = null, HpaScalingRules? ScaleDown = null);
