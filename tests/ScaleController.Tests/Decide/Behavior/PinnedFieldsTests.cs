using Autoscale.Hpa;
using Autoscale.Hpa.Spec;
using Autoscale.ScaleController.Decide.Behavior;
using Autoscale.ScaleController.Decide.Decisions;
using static Autoscale.ScaleController.Tests.Decide.Fixtures;

namespace Autoscale.ScaleController.Tests.Decide.Behavior;

public sealed class PinnedFieldsTests
{
    private static readonly HpaBehavior SreBehavior = new(
        new HpaScalingRules(30, ScalingPolicySelect.Min, [new HpaScalingPolicy(ScalingPolicyType.Pods, 1, 60)]),
        new HpaScalingRules(900, ScalingPolicySelect.Max, [new HpaScalingPolicy(ScalingPolicyType.Pods, 1, 600)]));

    [Theory]
    [InlineData("scaleDown.stabilizationWindowSeconds,scaleUp.policies", "scaleUp.stabilizationWindowSeconds,scaleUp.selectPolicy,scaleDown.selectPolicy,scaleDown.policies")]
    [InlineData(" scaledown.STABILIZATIONWINDOWSECONDS ", "scaleUp.stabilizationWindowSeconds,scaleUp.selectPolicy,scaleUp.policies,scaleDown.selectPolicy,scaleDown.policies")]
    [InlineData("scaleUp", "scaleDown.stabilizationWindowSeconds,scaleDown.selectPolicy,scaleDown.policies")]
    [InlineData("scaleDown,scaleUp.selectPolicy", "scaleUp.stabilizationWindowSeconds,scaleUp.policies")]
    [InlineData("", "scaleUp.stabilizationWindowSeconds,scaleUp.selectPolicy,scaleUp.policies,scaleDown.stabilizationWindowSeconds,scaleDown.selectPolicy,scaleDown.policies")]
    public void Pinned_fields_are_never_managed_nor_changed(string pins, string managed)
    {
        var set = Plan(pins)!;

        Assert.Equal(managed, string.Join(",", set.ManagedFields.Select(BehaviorFields.Name)));
        Assert.All(set.Changes, c => Assert.Contains(c.Field, set.ManagedFields));
        foreach (var pinned in BehaviorFields.All.Except(set.ManagedFields))
        {
            Assert.True(BehaviorValues.Same(BehaviorValues.Get(SreBehavior, pinned), BehaviorValues.Get(set.Behavior, pinned)));
        }
    }

    [Theory]
    [InlineData("*")]
    [InlineData("behavior")]
    [InlineData("scaleUp,scaleDown")]
    public void Pinning_everything_decides_nothing(string pins) => Assert.Null(Plan(pins));

    [Fact]
    public void Unknown_pins_pin_nothing_and_raise_a_warning()
    {
        var set = Plan("scaleDown.window,scaleUp.policies")!;

        Assert.Equal(KubernetesEventType.Warning, set.Event.Type);
        Assert.Contains("ignored unknown pinned fields: scaleDown.window", set.Event.Message, StringComparison.Ordinal);
        Assert.Contains("left pinned: scaleUp.policies", set.Event.Message, StringComparison.Ordinal);
        Assert.Contains(BehaviorField.ScaleDownStabilizationWindowSeconds, set.ManagedFields);
    }

    [Fact]
    public void A_field_pinned_after_this_controller_set_it_is_re_sent_unchanged_under_a_precondition()
    {
        // Our manager applied the window and the scale-down policies; the SRE then pinned the window (value untouched).
        var hpa = HpaOf(behavior: SreBehavior, annotations: (PinnedFields.Annotation, "scaleDown.stabilizationWindowSeconds,scaleUp")) with
        {
            AppliedByUs = new HashSet<BehaviorField> { BehaviorField.ScaleDownStabilizationWindowSeconds, BehaviorField.ScaleDownPolicies },
            ResourceVersion = "42",
        };

        var set = BehaviorPlanner.Plan(Workload(), hpa, HistoryOf(300), [], dryRun: false)!;

        Assert.Equal([BehaviorField.ScaleDownStabilizationWindowSeconds], set.Retained); // scaleUp is pinned but was never ours
        Assert.Equal("42", set.ResourceVersion);
        Assert.Equal(900, set.Behavior.ScaleDown!.StabilizationWindowSeconds); // the SRE's value, not the learnt 450
        Assert.DoesNotContain(set.Changes, c => c.Field == BehaviorField.ScaleDownStabilizationWindowSeconds);
        Assert.Contains("re-sent unchanged (set by this controller before they were pinned; an apply leaving them out would delete them): scaleDown.stabilizationWindowSeconds", set.Event.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Pinned_fields_never_applied_by_this_controller_are_not_sent_and_need_no_precondition()
    {
        var set = Plan("scaleDown.stabilizationWindowSeconds")!;

        Assert.Empty(set.Retained);
        Assert.Null(set.ResourceVersion);
        Assert.DoesNotContain("re-sent", set.Event.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Tolerance_is_carried_over_untouched()
    {
        var behavior = SreBehavior with { ScaleUp = SreBehavior.ScaleUp! with { Tolerance = 0.05 } };

        var set = BehaviorPlanner.Plan(Workload(), HpaOf(behavior: behavior), HistoryOf(300), [], dryRun: false)!;

        Assert.Equal(0.05, set.Behavior.ScaleUp!.Tolerance);
    }

    private static SetBehavior? Plan(string pins) =>
        BehaviorPlanner.Plan(Workload(), HpaOf(behavior: SreBehavior, annotations: (PinnedFields.Annotation, pins)), HistoryOf(300), [], dryRun: false);
}
