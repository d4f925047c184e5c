using Autoscale.ScaleController.Config;
using Autoscale.ScaleController.Decide.Observed;
using Autoscale.ScaleController.Decide.WarmPool;
using static Autoscale.ScaleController.Tests.Decide.Fixtures;

namespace Autoscale.ScaleController.Tests.Decide.WarmPool;

public sealed class PoolWarmthTests
{
    private static readonly ObservedNode ReadyGpuNode = new("gpu-ready", Now.AddHours(-1), Now.AddMinutes(-55), 8);
    private static readonly ObservedNode NotReadyNode = new("gpu-booting", Now.AddMinutes(-2), null, 0);
    private static readonly ObservedNode NoGpusYet = new("gpu-plugin-pending", Now.AddMinutes(-3), Now.AddMinutes(-1), 0);

    [Theory]
    [InlineData(null, false, "waiting")]                  // Pending, no node yet: the cluster autoscaler has to deliver one
    [InlineData(null, true, "waiting")]
    [InlineData("gpu-booting", false, "notready")]        // node not Ready: driver, runtime, kubelet
    [InlineData("gpu-booting", true, "notready")]
    [InlineData("gpu-plugin-pending", true, "notready")]  // Ready but the GPU plugin has not registered its GPUs
    [InlineData("gone", true, "notready")]                // a node the watch does not know (deleted)
    [InlineData("gpu-ready", false, "starting")]          // scheduled on a warm node, image still pulling
    [InlineData("gpu-ready", true, "warm")]
    public void A_placeholder_is_warm_only_when_running_on_a_ready_gpu_node(string? node, bool running, string expected)
    {
        var placeholder = PlaceholderPlannerTests.Placeholder("qwen-warm-0", node: node) with { Running = running };

        var warmth = PoolWarmth.Of([placeholder], Nodes());

        Assert.Equal(expected, warmth switch
        {
            { Warm: 1 } => "warm",
            { WaitingForNode: 1 } => "waiting",
            { NodeNotReady: 1 } => "notready",
            { Starting: 1 } => "starting",
            _ => "?",
        });
        Assert.Equal(1, warmth.Warm + warmth.Warming);
    }

    [Fact]
    public void The_pool_reason_and_status_say_how_many_are_warm_and_why_the_others_are_not()
    {
        ObservedPlaceholder[] placeholders =
        [
            PlaceholderPlannerTests.Placeholder("qwen-warm-0", node: "gpu-ready") with { Running = true },
            PlaceholderPlannerTests.Placeholder("qwen-warm-1"),
            PlaceholderPlannerTests.Placeholder("qwen-warm-2"),
            PlaceholderPlannerTests.Placeholder("qwen-warm-3", node: "gpu-booting"),
            PlaceholderPlannerTests.Placeholder("qwen-warm-4", node: "gpu-ready") with { Running = true, Terminating = true },
        ];
        var config = ConfigOf(Workload(policy: WithPool(5)));

        var output = RunDecide(config, new ObservedCluster([Observed()], placeholders, NodeList: [.. Nodes().Values]));
        var blind = RunDecide(config, new ObservedCluster([Observed()], placeholders));

        var pool = Assert.Single(output.Pools);
        Assert.Equal(new PoolWarmth(1, 2, 1, 0), pool.Warmth);
        Assert.EndsWith("; now 1 warm, 3 warming (2 waiting for a node, 1 on a node not Ready)", pool.Why, StringComparison.Ordinal);
        Assert.Null(Assert.Single(blind.Pools).Warmth);
        Assert.DoesNotContain("warm,", Assert.Single(blind.Pools).Why, StringComparison.Ordinal);
    }

    private static Dictionary<string, ObservedNode> Nodes() =>
        new[] { ReadyGpuNode, NotReadyNode, NoGpusYet }.ToDictionary(n => n.Name);
}
