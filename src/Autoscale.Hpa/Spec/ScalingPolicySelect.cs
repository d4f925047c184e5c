namespace Autoscale.Hpa.Spec;

/// <summary>autoscaling/v2 <c>ScalingPolicySelect</c>.</summary>
public enum ScalingPolicySelect
{
    Max,
    Min,
    Disabled,
}
