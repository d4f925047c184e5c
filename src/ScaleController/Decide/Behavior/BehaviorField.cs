namespace Autoscale.ScaleController.Decide.Behavior;

/// <summary>The <c>spec.behavior</c> fields the controller manages, each pinnable on its own.</summary>
internal enum BehaviorField
{
    ScaleUpStabilizationWindowSeconds,
    ScaleUpSelectPolicy,
    ScaleUpPolicies,
    ScaleDownStabilizationWindowSeconds,
    ScaleDownSelectPolicy,
    ScaleDownPolicies,
}
