using Autoscale.ScaleController.Config;
using Autoscale.ScaleController.Decide.Decisions;
using Autoscale.ScaleController.Decide.History;
using Autoscale.ScaleController.Decide.Observed;
using static Autoscale.ScaleController.Tests.Decide.Fixtures;

namespace Autoscale.ScaleController.Tests.Decide.History;

/// <summary>
/// The wait for a node split into provisioning and start-up. Times are seconds after the pod's creation; the pod
/// is scheduled at 300 s, its containers start at 400 s and it is Ready at 550 s (a 550 s cold start).
/// </summary>
public sealed class NodeSplitTests
{
    private static readonly DateTimeOffset Created = Now.AddSeconds(-600);

    public static TheoryData<string, int?, int, int?, int?, int?> Cases => new()
    {
        // name, unschedulable at, node created at, node Ready at, → provisioning, start-up
        { "a node made for the pod", 2, 182, 242, 180, 60 },
        { "node created the moment the pod became unschedulable", 2, 2, 90, 0, 88 },
        { "node Ready the moment the pod was scheduled", 0, 200, 300, 200, 100 },
        { "node created before the pod became unschedulable: no split", 10, 5, 60, null, null },
        { "old node, long before the pod: no split", 2, -86_400, -86_000, null, null },
        { "node without a Ready condition: no split", 2, 182, null, null, null },
        { "node Ready only after the pod was scheduled (it flapped later): no split", 2, 182, 301, null, null },
        { "unschedulable before the pod existed (clock skew): no split", -5, 182, 242, null, null },
        { "never unschedulable (a free node): no split", null, 182, 242, null, null },
        { "node Ready before it was created (absurd): no split", 2, 182, 100, null, null },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void The_wait_for_a_new_node_is_split_and_the_total_is_unchanged(string why, int? unschedulable, int nodeCreated, int? nodeReady, int? provisioning, int? startup)
    {
        var pod = Pod("qwen-a", unschedulable);
        var node = Node("gpu-1", nodeCreated, nodeReady);

        var output = RunDecide(ConfigOf(Workload()), new ObservedCluster([Observed(hpa: HpaOf(), pods: [pod])], [], NodeList: [node]), Clock());

        var sample = Assert.Single(output.History[Qwen].Samples);
        Assert.Equal((300, 100, 150, 550), (sample.SchedulingSeconds, sample.PullSeconds, sample.LoadSeconds, sample.TotalSeconds));
        Assert.True((provisioning, startup) == (sample.Node?.ProvisionSeconds, sample.Node?.StartupSeconds), why);
    }

    [Fact]
    public void Pod_on_a_node_not_observed_or_nodes_not_watched_is_not_split()
    {
        var pod = Pod("qwen-a", 2);

        var unknownNode = RunDecide(ConfigOf(Workload()), new ObservedCluster([Observed(hpa: HpaOf(), pods: [pod])], [], NodeList: [Node("other", 182, 242)]));
        var notWatched = RunDecide(ConfigOf(Workload()), Cluster(Observed(hpa: HpaOf(), pods: [pod])));

        Assert.Null(Assert.Single(unknownNode.History[Qwen].Samples).Node);
        Assert.Null(Assert.Single(notWatched.History[Qwen].Samples).Node);
    }

    [Fact]
    public void The_window_is_the_same_with_or_without_the_split_and_the_event_names_the_node_phases()
    {
        var pod = Pod("qwen-a", 2);
        var config = ConfigOf(Workload());

        var split = RunDecide(config, new ObservedCluster([Observed(hpa: HpaOf(), pods: [pod])], [], NodeList: [Node("gpu-1", 182, 242)]));
        var plain = RunDecide(config, Cluster(Observed(hpa: HpaOf(), pods: [pod])));

        var withSplit = split.Decisions.OfType<SetBehavior>().Single();
        var without = plain.Decisions.OfType<SetBehavior>().Single();
        Assert.Equal(without.Behavior.ScaleDown!.StabilizationWindowSeconds, withSplit.Behavior.ScaleDown!.StabilizationWindowSeconds);
        Assert.Equal(840, withSplit.Behavior.ScaleDown.StabilizationWindowSeconds); // 1.5 × 550 = 825, up to 30 s steps
        Assert.Contains(
            "cold start 550s over 1 samples (scheduling 300s (of which, in 1 waiting for a new node, node provisioning 180s, node start-up 60s), image pull 100s, model load 150s)",
            withSplit.Event.Message,
            StringComparison.Ordinal);
        Assert.Contains("(scheduling 300s, image pull 100s", without.Event.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Node_phase_percentiles_are_over_the_samples_that_waited_for_a_new_node()
    {
        var history = new ColdStartHistory(
        [
            new ColdStartSample("a", Now.AddMinutes(-3), 300, 100, 150, new NodeWait(180, 60)),
            new ColdStartSample("b", Now.AddMinutes(-2), 5, 10, 150),
            new ColdStartSample("c", Now.AddMinutes(-1), 260, 100, 150, new NodeWait(200, 40)),
        ]);

        var p90 = ColdStartEstimate.From(history, ColdStartPolicy.Default)!;
        var p50 = ColdStartEstimate.At(history, 50)!;

        Assert.Equal((2, 200, 60), (p90.NodeSamples, p90.NodeProvisionSeconds, p90.NodeStartupSeconds));
        Assert.Equal((180, 40), (p50.NodeProvisionSeconds, p50.NodeStartupSeconds));
        Assert.Equal((550, 510), (p90.TotalSeconds, p50.TotalSeconds));
        Assert.Null(ColdStartEstimate.At(new ColdStartHistory([history.Samples[1]]), 90)!.NodeProvisionSeconds);
    }

    private static ObservedPod Pod(string name, int? unschedulable) => new(
        name,
        Created,
        unschedulable is { } u ? Created.AddSeconds(u) : null,
        Created.AddSeconds(300),
        Created.AddSeconds(400),
        Created.AddSeconds(550),
        NodeName: "gpu-1");

    private static ObservedNode Node(string name, int created, int? ready) =>
        new(name, Created.AddSeconds(created), ready is { } r ? Created.AddSeconds(r) : null, 8);
}
