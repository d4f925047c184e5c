namespace Autoscale.Hpa.Reconcile;

/// <summary>autoscaling/v2 <c>HorizontalPodAutoscalerConditionType</c>.</summary>
public enum HpaConditionType
{
    AbleToScale,
    ScalingActive,
    ScalingLimited,
}
