namespace Autoscale.Hpa.Spec;

/// <summary>autoscaling/v2 <c>HPAScalingPolicyType</c>.</summary>
public enum ScalingPolicyType
{
    Pods,
    Percent,
}
