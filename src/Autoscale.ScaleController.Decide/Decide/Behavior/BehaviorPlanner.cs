using Autoscale.Hpa.Spec;
using Autoscale.ScaleController.Config;
using Autoscale.ScaleController.Decide.Decisions;
using Autoscale.ScaleController.Decide.History;
using Autoscale.ScaleController.Decide.Observed;

namespace Autoscale.ScaleController.Decide.Behavior;

/// <summary>
/// Model-load-aware behavior for one HPA: the learnt scale-down window, rate limits, burst scale-up, and
/// scaleDown.selectPolicy Disabled while replicas load. Returns null when every managed field already matches.
/// </summary>
internal static class BehaviorPlanner
{
    public static SetBehavior? Plan(WorkloadConfig config, ObservedHpa hpa, ColdStartHistory history, IReadOnlyList<ObservedPod> loading, bool dryRun)
    {
        var policy = config.Policy;
        var estimate = ColdStartEstimate.From(history, policy.ColdStart);
        var (window, why) = WindowRule.Compute(policy.ScaleDown, policy.ColdStart, estimate, history.Samples.Count);
        var hold = policy.ScaleDown.HoldWhileLoading && loading.Count > 0;
        var pins = PinnedFields.Parse(hpa.Annotations.GetValueOrDefault(PinnedFields.Annotation));

        object? Wanted(BehaviorField field) => field switch
        {
            BehaviorField.ScaleUpStabilizationWindowSeconds => policy.ScaleUp.StabilizationWindowSeconds,
            BehaviorField.ScaleUpSelectPolicy => policy.ScaleUp.SelectPolicy,
            BehaviorField.ScaleUpPolicies => policy.ScaleUp.Policies,
            BehaviorField.ScaleDownStabilizationWindowSeconds => window,
            BehaviorField.ScaleDownSelectPolicy => hold ? ScalingPolicySelect.Disabled : policy.ScaleDown.SelectPolicy,
            BehaviorField.ScaleDownPolicies => policy.ScaleDown.Policies,
            _ => throw new ArgumentOutOfRangeException(nameof(field), field, null),
        };

        var managed = BehaviorFields.All.Where(f => !pins.Fields.Contains(f)).ToList();
        var changes = managed
            .Select(f => (Field: f, From: BehaviorValues.Get(hpa.Behavior, f), To: Wanted(f)))
            .Where(c => !BehaviorValues.Same(c.From, c.To))
            .Select(c => new FieldChange(c.Field, BehaviorValues.Render(c.From), BehaviorValues.Render(c.To)))
            .ToList();
        if (changes.Count == 0)
        {
            return null;
        }

        var behavior = BehaviorValues.Assemble(f => managed.Contains(f) ? Wanted(f) : BehaviorValues.Get(hpa.Behavior, f), hpa.Behavior);
        var retained = pins.Fields.Where(f => hpa.AppliedByUs?.Contains(f) == true && BehaviorValues.Get(hpa.Behavior, f) is not null).Order().ToList();
        var evt = BehaviorEventText.Build(changes, why, hold, loading, pins, retained);
        return new SetBehavior(config.Workload, hpa.Ref, behavior, managed, changes, evt, dryRun, retained, retained.Count > 0 ? hpa.ResourceVersion : null);
    }
}
