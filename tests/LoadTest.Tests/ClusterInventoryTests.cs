using Autoscale.LoadTest.Cluster;
using Autoscale.LoadTest.Simulation;

namespace Autoscale.LoadTest.Tests;

public sealed class ClusterInventoryTests
{
    [Fact]
    public void Live_lists_hold_exactly_the_live_pods_and_nodes_in_id_order()
    {
        var inventory = new ClusterInventory();
        var pods = Enumerable.Range(0, 6).Select(i => i % 3 == 2 ? inventory.AddPlaceholder($"p{i}", "h", true, i) : inventory.AddReplica(i)).ToList();
        var nodes = Enumerable.Range(0, 4).Select(i => inventory.AddNode(i)).ToList();

        // Engines start in any order; a deleted pod and a removed node drop out on the next read.
        foreach (var i in new[] { 4, 0, 3, 1 })
        {
            pods[i].Engine = Synthetic.Engines();
            pods[i].Stage = PodStage.Ready;
            inventory.EngineStarted(pods[i]);
        }

        inventory.Deleted(pods[3], 10);
        inventory.Deleted(pods[2], 10);
        inventory.RemoveNode(nodes[1], 10);

        Assert.Equal([0, 1, 4, 5], inventory.LivePods.Select(p => p.Id));
        Assert.Equal([0, 1, 4], inventory.Engines.Select(p => p.Id));
        Assert.Equal([0, 2, 3], inventory.LiveNodes.Select(n => n.Id));
        Assert.Equal(["p5"], inventory.LivePlaceholders.Select(p => p.Name));
        Assert.Equal(pods.Count, inventory.Pods.Count);
        Assert.Equal(PodStage.Deleted, pods[3].Stage);
    }

    [Fact]
    public void A_deleted_pod_is_billed_until_it_ended_and_a_removed_node_until_its_removal()
    {
        var inventory = new ClusterInventory();
        var node = inventory.AddNode(5);
        var pod = inventory.AddReplica(5);
        pod.StartTime = 20;
        var never = inventory.AddReplica(6); // never bound: never billed

        inventory.Deleted(pod, 50);
        inventory.Deleted(never, 50);
        inventory.RemoveNode(node, 80);

        Assert.Equal((75.0, 30.0), inventory.Billed(now: 100));
    }
}
