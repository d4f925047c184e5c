using Autoscale.Hpa.Pods;
using Autoscale.Hpa.Reconcile;

namespace Autoscale.Hpa.Tests.Reconcile;

/// <summary>A condition as upstream's tests compare it: messages and transition times cleared.</summary>
internal sealed record ExpectedCondition(HpaConditionType Type, ConditionStatus Status, string Reason)
{
    private static readonly ExpectedCondition[] StatusOk =
    [
        new(HpaConditionType.AbleToScale, ConditionStatus.True, "SucceededRescale"),
        new(HpaConditionType.ScalingActive, ConditionStatus.True, "ValidMetricFound"),
        new(HpaConditionType.ScalingLimited, ConditionStatus.False, "DesiredWithinRange"),
    ];

    /// <summary>statusOkWithOverrides: each override replaces the condition of its type in place.</summary>
    public static ExpectedCondition[] StatusOkWithOverrides(params ExpectedCondition[] overrides)
    {
        var result = StatusOk.ToList();
        foreach (var o in overrides)
        {
            var index = result.FindIndex(c => c.Type == o.Type);
            if (index >= 0)
            {
                result[index] = o;
            }
            else
            {
                result.Add(o);
            }
        }

        return [.. result];
    }

    public static ExpectedCondition Of(HpaCondition c) => new(c.Type, c.Status, c.Reason);
}
