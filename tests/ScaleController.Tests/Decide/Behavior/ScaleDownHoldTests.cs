using Autoscale.Hpa.Spec;
using Autoscale.ScaleController.Config;
using Autoscale.ScaleController.Decide.Behavior;
using Autoscale.ScaleController.Decide.Decisions;
using Autoscale.ScaleController.Decide.Observed;
using static Autoscale.ScaleController.Tests.Decide.Fixtures;

namespace Autoscale.ScaleController.Tests.Decide.Behavior;

public sealed class ScaleDownHoldTests
{
    [Fact]
    public void A_loading_replica_holds_scale_down_and_its_readiness_releases_it()
    {
        var time = Clock();
        var settled = Settled();
        var loading = Loading("qwen-new", createdAgo: 30);

        var held = Single(RunDecide(ConfigOf(Workload()), Cluster(Observed(hpa: HpaOf(behavior: settled), pods: [Ready("qwen-old", 0, 0, 100, 3600), loading])), time));

        Assert.Equal(BehaviorEventText.Held, held.Event.Reason);
        Assert.Equal("scaleDown.selectPolicy Max → Disabled", Assert.Single(held.Changes).ToString());
        Assert.Contains("1 replica(s) still loading (qwen-new)", held.Event.Message, StringComparison.Ordinal);

        time.Advance(TimeSpan.FromMinutes(3));
        var ready = loading with { ContainersStarted = time.GetUtcNow().AddSeconds(-100), Ready = time.GetUtcNow() };
        var output = RunDecide(ConfigOf(Workload()), Cluster(Observed(hpa: HpaOf(behavior: held.Behavior), pods: [Ready("qwen-old", 0, 0, 100, 3600), ready])), time);
        var released = output.Decisions.OfType<SetBehavior>().Single();

        // The new pod's 210 s cold start is learnt in the same round, so the window moves too.
        Assert.Equal(BehaviorEventText.Updated, released.Event.Reason);
        Assert.Contains(released.Changes, c => c.ToString() == "scaleDown.selectPolicy Disabled → Max");
        Assert.Contains(released.Changes, c => c.ToString() == "scaleDown.stabilizationWindowSeconds 150s → 330s");
        Assert.Contains("scale-down released: no replica is loading any more", released.Event.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Release_alone_has_its_own_reason()
    {
        var held = Settled() with { ScaleDown = Settled().ScaleDown! with { SelectPolicy = ScalingPolicySelect.Disabled } };

        var set = BehaviorPlanner.Plan(Workload(), HpaOf(behavior: held), HistoryOf(100), [], dryRun: false)!;

        Assert.Equal(BehaviorEventText.Released, set.Event.Reason);
        Assert.Equal("scaleDown.selectPolicy Disabled → Max", Assert.Single(set.Changes).ToString());
    }

    [Theory]
    [InlineData(30, true, "", true)]        // loading: hold
    [InlineData(1799, true, "", true)]      // still inside maxHoldSeconds
    [InlineData(1801, true, "", false)]     // stuck longer than maxHoldSeconds: no hold
    [InlineData(30, false, "", false)]      // holdWhileLoading off
    [InlineData(30, true, "scaleDown.selectPolicy", false)] // the SRE pinned selectPolicy
    public void Hold_rules(int createdAgo, bool holdWhileLoading, string pins, bool held)
    {
        var policy = WorkloadPolicy.Default with { ScaleDown = ScaleDownPolicy.Default with { HoldWhileLoading = holdWhileLoading } };
        var hpa = HpaOf(behavior: Settled(), annotations: (PinnedFields.Annotation, pins));

        var output = RunDecide(ConfigOf(Workload(policy: policy)), Cluster(Observed(hpa: hpa, pods: [Ready("old", 0, 0, 100, 3600), Loading("new", createdAgo)])));

        var set = output.Decisions.OfType<SetBehavior>().SingleOrDefault();
        Assert.Equal(held, set?.Behavior.ScaleDown?.SelectPolicy == ScalingPolicySelect.Disabled);
    }

    [Fact]
    public void Pending_and_terminating_pods()
    {
        var pending = Unschedulable("waiting-for-node");
        var terminating = Loading("going") with { Terminating = true };

        Assert.Equal(["waiting-for-node"], LoadingPods.Find([pending, terminating, Ready("r", 1, 1, 1)], ScaleDownPolicy.Default, Now).Select(p => p.Name));
    }

    // What the controller itself would have written for one 100 s sample (window 150 → min 120).
    private static HpaBehavior Settled() =>
        BehaviorPlanner.Plan(Workload(), HpaOf(), HistoryOf(100), [], dryRun: false)!.Behavior;

    private static SetBehavior Single(Autoscale.ScaleController.Decide.DecideOutput output) =>
        output.Decisions.OfType<SetBehavior>().Single();

}
