namespace Autoscale.ScaleController.Decide.Behavior;

/// <summary>The <c>spec.behavior</c> fields the controller manages, each pinnable on its own.</summary>
public enum BehaviorField
{
    ScaleUpStabilizationWindowSeconds,
    ScaleUpSelectPolicy,
    ScaleUpPolicies,
    ScaleDownStabilizationWindowSeconds,
    ScaleDownSelectPolicy,
    ScaleDownPolicies,
}
