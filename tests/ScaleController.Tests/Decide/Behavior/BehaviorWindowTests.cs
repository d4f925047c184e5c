using Autoscale.Hpa;
using Autoscale.Hpa.Spec;
using Autoscale.ScaleController.Config;
using Autoscale.ScaleController.Decide.Behavior;
using Autoscale.ScaleController.Decide.Decisions;
using Autoscale.ScaleController.Decide.History;
using static Autoscale.ScaleController.Tests.Decide.Fixtures;

namespace Autoscale.ScaleController.Tests.Decide.Behavior;

public sealed class BehaviorWindowTests
{
    // Defaults: factor 1.5, window [120, 1800], default 600, step 30, p90.
    [Theory]
    [InlineData(new int[0], 600)]                       // no history: the configured default
    [InlineData(new[] { 300 }, 450)]                     // one sample: 1.5 × 300
    [InlineData(new[] { 301 }, 480)]                     // 451.5 rounded up to the 30 s step
    [InlineData(new[] { 10 }, 120)]                      // tiny cold start: clamped to the minimum
    [InlineData(new[] { 1500 }, 1800)]                   // 2250: clamped to the maximum
    [InlineData(new[] { 966 }, 1470)]                    // the measured 966 s cold start: 1449 → 1470
    [InlineData(new[] { 100, 100, 100, 100, 100, 100, 100, 100, 100, 400 }, 150)] // p90 ignores the single outlier
    [InlineData(new[] { 100, 100, 100, 100, 100, 100, 100, 100, 400, 400 }, 600)] // two outliers are the p90
    public void Scale_down_window_follows_the_p90_cold_start(int[] totals, int expected)
    {
        var set = Plan(HistoryOf(totals));

        Assert.Equal(expected, set!.Behavior.ScaleDown!.StabilizationWindowSeconds);
    }

    [Theory]
    [InlineData(2.0, 60, 3600, 400, 810)]
    [InlineData(1.0, 0, 3600, 7, 30)]
    [InlineData(3.0, 0, 900, 400, 900)]
    public void Factor_and_bounds_come_from_the_policy(double factor, int min, int max, int p90, int expected)
    {
        var policy = WorkloadPolicy.Default with
        {
            ScaleDown = ScaleDownPolicy.Default with { WindowFactor = factor, MinWindowSeconds = min, MaxWindowSeconds = max, DefaultWindowSeconds = min },
        };

        var set = Plan(HistoryOf(p90), policy);

        Assert.Equal(expected, set!.Behavior.ScaleDown!.StabilizationWindowSeconds);
    }

    [Fact]
    public void First_write_sets_every_field_and_explains_the_numbers()
    {
        var set = Plan(HistoryOf(300))!;

        Assert.Equal(BehaviorFields.All, set.ManagedFields);
        Assert.Equal(6, set.Changes.Count);
        Assert.Equal(KubernetesEventType.Normal, set.Event.Type);
        Assert.Equal(BehaviorEventText.Updated, set.Event.Reason);
        Assert.Contains("scaleDown.stabilizationWindowSeconds unset → 450s", set.Event.Message, StringComparison.Ordinal);
        Assert.Contains("1.5 × p90 cold start 300s over 1 samples (scheduling 0s, image pull 0s, model load 300s) = 450s", set.Event.Message, StringComparison.Ordinal);
        Assert.Equal(SetBehavior.FieldManager, "autoscale-scale-controller");
        Assert.Equal(ScaleUpPolicy.Default.Policies, set.Behavior.ScaleUp!.Policies);
        Assert.Equal(ScalingPolicySelect.Max, set.Behavior.ScaleDown!.SelectPolicy);
    }

    [Fact]
    public void Nothing_is_decided_when_the_hpa_already_matches()
    {
        var current = Plan(HistoryOf(300))!.Behavior;

        Assert.Null(Plan(HistoryOf(300), behavior: current));
        Assert.Null(Plan(HistoryOf(290), behavior: current)); // 435 rounds up to the same 450 step
    }

    [Fact]
    public void A_new_sample_only_changes_the_window_when_it_crosses_a_step()
    {
        var current = Plan(HistoryOf(300))!.Behavior;

        var set = Plan(HistoryOf(300, 330), behavior: current)!;

        var change = Assert.Single(set.Changes);
        Assert.Equal("scaleDown.stabilizationWindowSeconds 450s → 510s", change.ToString());
    }

    internal static SetBehavior? Plan(ColdStartHistory history, WorkloadPolicy? policy = null, HpaBehavior? behavior = null) =>
        BehaviorPlanner.Plan(Workload(policy: policy), HpaOf(behavior: behavior), history, [], dryRun: false);
}
