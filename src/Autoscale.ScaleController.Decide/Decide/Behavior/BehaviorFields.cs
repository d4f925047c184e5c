namespace Autoscale.ScaleController.Decide.Behavior;

/// <summary>Field paths as written in events and in the pinned-fields annotation.</summary>
public static class BehaviorFields
{
    public static IReadOnlyList<BehaviorField> All { get; } = Enum.GetValues<BehaviorField>();

    public static string Name(BehaviorField field) => field switch
    {
        BehaviorField.ScaleUpStabilizationWindowSeconds => "scaleUp.stabilizationWindowSeconds",
        BehaviorField.ScaleUpSelectPolicy => "scaleUp.selectPolicy",
        BehaviorField.ScaleUpPolicies => "scaleUp.policies",
        BehaviorField.ScaleDownStabilizationWindowSeconds => "scaleDown.stabilizationWindowSeconds",
        BehaviorField.ScaleDownSelectPolicy => "scaleDown.selectPolicy",
        BehaviorField.ScaleDownPolicies => "scaleDown.policies",
        _ => throw new ArgumentOutOfRangeException(nameof(field), field, null),
    };

    public static bool IsScaleUp(BehaviorField field) => field <= BehaviorField.ScaleUpPolicies;
}
