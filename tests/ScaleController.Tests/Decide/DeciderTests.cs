using Autoscale.ScaleController.Config;
using Autoscale.ScaleController.Decide;
using Autoscale.ScaleController.Decide.Decisions;
using Autoscale.ScaleController.Decide.History;
using Autoscale.ScaleController.Decide.Observed;
using Autoscale.ScaleController.Tests.Decide.WarmPool;

namespace Autoscale.ScaleController.Tests.Decide;

public sealed class DeciderTests
{
    private static readonly WorkloadRef Llama = new("llm", "llama");

    [Fact]
    public void Learns_sets_behavior_persists_history_and_fills_the_pool_in_order()
    {
        var output = Fixtures.RunDecide(Fixtures.ConfigOf(Fixtures.Workload(policy: Fixtures.WithPool(1))), Busy());

        Assert.Equal(["SetBehavior", "PersistHistory", "CreatePlaceholder"], output.Decisions.Select(d => d.GetType().Name));
        var persist = output.Decisions.OfType<PersistHistory>().Single();
        Assert.Equal(2, persist.Samples);
        Assert.Equal("autoscale.dev/cold-start-history", PersistHistory.Annotation);
        Assert.Equal(2, output.History[Fixtures.Qwen].Samples.Count);
    }

    [Fact]
    public void Dry_run_produces_the_same_decisions_flagged()
    {
        var real = Fixtures.RunDecide(Fixtures.ConfigOf(Fixtures.Workload(policy: Fixtures.WithPool(1))), Busy());
        var global = Fixtures.RunDecide(Fixtures.ConfigOf(8, true, Fixtures.Workload(policy: Fixtures.WithPool(1))), Busy());
        var perWorkload = Fixtures.RunDecide(Fixtures.ConfigOf(Fixtures.Workload(policy: Fixtures.WithPool(1), dryRun: true)), Busy());

        Assert.All(real.Decisions, d => Assert.False(d.DryRun));
        foreach (var dry in new[] { global, perWorkload })
        {
            Assert.All(dry.Decisions, d => Assert.True(d.DryRun));
            Assert.Equal(real.Decisions.Select(d => d.Describe()), dry.Decisions.Select(d => d.Describe()));
        }
    }

    [Fact]
    public void Same_inputs_give_the_same_decisions_whatever_the_input_order()
    {
        var config = Fixtures.ConfigOf(3, false, Fixtures.Workload(policy: Fixtures.WithPool(2)), Fixtures.Workload(Llama, Fixtures.WithPool(2)));
        ObservedPlaceholder[] placeholders = [PlaceholderPlannerTests.Placeholder("gone", new WorkloadRef("llm", "gone")), PlaceholderPlannerTests.Placeholder("qwen-warm-0")];
        var workloads = new[] { Busy().Workloads[0], Fixtures.Observed(Llama, Fixtures.HpaOf(Llama), [Fixtures.Loading("llama-b"), Fixtures.Ready("llama-a", 5, 5, 5)]) };
        var forward = new ObservedCluster(workloads, placeholders);
        var backward = new ObservedCluster(
            [.. workloads.Reverse().Select(w => w with { Pods = [.. w.Pods.Reverse()] })], [.. placeholders.Reverse()]);

        var first = Fixtures.Lines(Fixtures.RunDecide(config, forward));
        var again = Fixtures.Lines(Fixtures.RunDecide(config, forward));
        var reordered = Fixtures.Lines(Fixtures.RunDecide(config, backward));

        Assert.Equal(first, again);
        Assert.Equal(first, reordered);
        Assert.Equal(ColdStartHistoryCodec.Encode(Fixtures.RunDecide(config, forward).History[Llama]), ColdStartHistoryCodec.Encode(Fixtures.RunDecide(config, backward).History[Llama]));
    }

    [Fact]
    public void A_workload_scaled_to_zero_gets_the_default_window_no_hold_and_its_minimum_pool()
    {
        var zero = Fixtures.Observed(hpa: Fixtures.HpaOf(current: 0, desired: 0), pods: [], replicas: 0);

        var output = Fixtures.RunDecide(Fixtures.ConfigOf(Fixtures.Workload(policy: Fixtures.WithPool(1))), Fixtures.Cluster(zero));

        var set = output.Decisions.OfType<SetBehavior>().Single();
        Assert.Equal(600, set.Behavior.ScaleDown!.StabilizationWindowSeconds);
        Assert.Equal(Hpa.Spec.ScalingPolicySelect.Max, set.Behavior.ScaleDown.SelectPolicy);
        Assert.Contains("default window 600s: 0 cold-start samples, 1 needed", set.Event.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(output.Decisions, d => d is PersistHistory);
        Assert.Single(output.Decisions.OfType<CreatePlaceholder>());
    }

    [Fact]
    public void A_restarted_controller_remembers_through_the_annotation()
    {
        var before = Fixtures.RunDecide(Fixtures.ConfigOf(Fixtures.Workload()), Busy());
        var set = before.Decisions.OfType<SetBehavior>().Single();
        var persisted = before.Decisions.OfType<PersistHistory>().Single();
        var hpa = Fixtures.HpaOf(behavior: set.Behavior, annotations: (ColdStartHistoryCodec.Annotation, persisted.AnnotationValue));

        // Fresh memory, pods gone (scaled down): the annotation alone reproduces the state, so nothing to do.
        var after = Fixtures.RunDecide(Fixtures.ConfigOf(Fixtures.Workload()), Fixtures.Cluster(Fixtures.Observed(hpa: hpa)));

        Assert.Empty(after.Decisions);
        Assert.True(after.History[Fixtures.Qwen].SameAs(before.History[Fixtures.Qwen]));
    }

    [Fact]
    public void In_memory_history_is_used_before_the_annotation()
    {
        var memory = new Dictionary<WorkloadRef, ColdStartHistory> { [Fixtures.Qwen] = Fixtures.HistoryOf(1000) };

        var output = Fixtures.RunDecide(Fixtures.ConfigOf(Fixtures.Workload()), Fixtures.Cluster(Fixtures.Observed(hpa: Fixtures.HpaOf())), history: memory);

        Assert.Equal(1500, output.Decisions.OfType<SetBehavior>().Single().Behavior.ScaleDown!.StabilizationWindowSeconds);
    }

    [Fact]
    public void A_workload_without_hpa_still_learns_and_keeps_its_pool()
    {
        var output = Fixtures.RunDecide(Fixtures.ConfigOf(Fixtures.Workload(policy: Fixtures.WithPool(1))), Fixtures.Cluster(Busy().Workloads[0] with { Hpa = null }));

        Assert.Equal(["CreatePlaceholder"], output.Decisions.Select(d => d.GetType().Name));
        Assert.Equal(2, output.History[Fixtures.Qwen].Samples.Count);
    }

    [Fact]
    public void Configured_workloads_not_observed_produce_nothing()
    {
        var output = Fixtures.RunDecide(Fixtures.ConfigOf(Fixtures.Workload(Llama)), Fixtures.Cluster());

        Assert.Empty(output.Decisions);
        Assert.Empty(output.History);
    }

    [Fact]
    public void An_unreadable_target_keeps_its_learnt_history_and_touches_nothing()
    {
        var memory = new Dictionary<WorkloadRef, ColdStartHistory> { [Fixtures.Qwen] = Fixtures.HistoryOf(300, 400) };
        var cluster = new ObservedCluster([], [PlaceholderPlannerTests.Placeholder("qwen-warm-0")], [new UnreadableTarget(Fixtures.Qwen, "403")]);

        var output = Fixtures.RunDecide(Fixtures.ConfigOf(Fixtures.Workload(policy: Fixtures.WithPool(2))), cluster, history: memory);

        Assert.Empty(output.Decisions);
        Assert.Equal(2, output.History[Fixtures.Qwen].Samples.Count);
        Assert.Equal((1, 1, 0), (output.Pools.Single().Wanted, output.Pools.Single().Kept, output.Pools.Single().Created));
    }

    // Two ready pods (300 s and 420 s cold starts) and an HPA that has never been touched.
    private static ObservedCluster Busy() => Fixtures.Cluster(
        Fixtures.Observed(hpa: Fixtures.HpaOf(), pods: [Fixtures.Ready("qwen-b", 120, 60, 240, 600), Fixtures.Ready("qwen-a", 60, 60, 180, 900)]));
}
