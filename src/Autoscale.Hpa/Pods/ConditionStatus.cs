namespace Autoscale.Hpa.Pods;

/// <summary>core/v1 <c>ConditionStatus</c>.</summary>
public enum ConditionStatus
{
    True,
    False,
    Unknown,
}
