using Autoscale.Kubernetes.Watch;
using Autoscale.ScaleController.Watch;
using k8s.Models;

namespace Autoscale.ScaleController.Tests.Watch;

public sealed class NodeMapperTests
{
    private static readonly DateTimeOffset Created = new(2026, 11, 23, 6, 0, 0, TimeSpan.Zero);

    private const string GpuNode = """
        {"apiVersion":"v1","kind":"Node",
         "metadata":{"name":"gpu-1","uid":"u-1","resourceVersion":"77","creationTimestamp":"2026-11-23T06:00:00Z",
           "labels":{"nvidia.com/gpu.product":"NVIDIA-A100-SXM4-80GB","kubernetes.io/hostname":"gpu-1"},
           "annotations":{"node.alpha.kubernetes.io/ttl":"0","volumes.kubernetes.io/controller-managed-attach-detach":"true"},
           "managedFields":[{"manager":"kubelet","operation":"Update","fieldsType":"FieldsV1","fieldsV1":{"f:status":{}}}]},
         "spec":{"unschedulable":true,"taints":[{"key":"nvidia.com/gpu","effect":"NoSchedule"}]},
         "status":{
           "allocatable":{"cpu":"95","memory":"1000Gi","nvidia.com/gpu":"8","amd.com/gpu":"2","example.com/fpga":"1"},
           "capacity":{"cpu":"96","nvidia.com/gpu":"8"},
           "conditions":[
             {"type":"MemoryPressure","status":"False","lastTransitionTime":"2026-11-23T06:01:00Z"},
             {"type":"Ready","status":"True","lastTransitionTime":"2026-11-23T06:02:30Z"}],
           "images":[{"names":["vllm/vllm-openai:v0.11.0"],"sizeBytes":10000000000}],
           "nodeInfo":{"kubeletVersion":"v1.34.0","machineID":"m","systemUUID":"s","bootID":"b","kernelVersion":"k","osImage":"o",
             "containerRuntimeVersion":"c","kubeProxyVersion":"","operatingSystem":"linux","architecture":"amd64"}}}
        """;

    [Fact]
    public void A_node_maps_to_creation_ready_since_configured_gpus_and_cordon()
    {
        var node = k8s.KubernetesJson.Deserialize<V1Node>(GpuNode)!;

        var observed = NodeMapper.ToObserved(node, ["nvidia.com/gpu", "amd.com/gpu"]);

        Assert.Equal(("gpu-1", Created, Created.AddSeconds(150), 10, true), (observed.Name, observed.Created, observed.ReadySince, observed.Gpus, observed.Cordoned));
        Assert.Equal(8, NodeMapper.ToObserved(node, ["nvidia.com/gpu"]).Gpus);
        Assert.Equal(0, NodeMapper.ToObserved(node, ["intel.com/gpu"]).Gpus);
    }

    [Theory]
    [InlineData("False")]
    [InlineData("Unknown")]
    [InlineData(null)]
    public void A_node_without_a_true_ready_condition_is_not_ready(string? status)
    {
        var node = k8s.KubernetesJson.Deserialize<V1Node>(GpuNode)!;
        node.Status.Conditions = status is null ? [] : [new V1NodeCondition { Type = "Ready", Status = status, LastTransitionTime = Created.UtcDateTime }];

        var observed = NodeMapper.ToObserved(node, ["nvidia.com/gpu"]);

        Assert.False(observed.Ready);
        Assert.Null(observed.ReadySince);
    }

    [Fact]
    public void A_fractional_or_odd_gpu_quantity_is_not_counted()
    {
        var node = k8s.KubernetesJson.Deserialize<V1Node>(GpuNode)!;
        node.Status.Allocatable["nvidia.com/gpu"] = new ResourceQuantity("500m");

        Assert.Equal(0, NodeMapper.ToObserved(node, ["nvidia.com/gpu"]).Gpus);
    }

    [Fact]
    public void The_cache_keeps_only_what_decisions_read()
    {
        var node = k8s.KubernetesJson.Deserialize<V1Node>(GpuNode)!;

        var slim = NodeMapper.Slim(node);

        Assert.Equal(("gpu-1", "77", "u-1"), (slim.Metadata.Name, slim.Metadata.ResourceVersion, slim.Metadata.Uid));
        Assert.Null(slim.Metadata.Annotations);
        Assert.Null(slim.Metadata.ManagedFields);
        Assert.Null(slim.Metadata.Labels);
        Assert.Null(slim.Status.Images);
        Assert.Null(slim.Status.NodeInfo);
        Assert.Null(slim.Status.Capacity);
        Assert.Equal("Ready", Assert.Single(slim.Status.Conditions).Type);
        Assert.Equal(["amd.com/gpu", "example.com/fpga", "nvidia.com/gpu"], slim.Status.Allocatable.Keys.Order(StringComparer.Ordinal));
        Assert.Equal(NodeMapper.ToObserved(node, ["nvidia.com/gpu"]), NodeMapper.ToObserved(slim, ["nvidia.com/gpu"]));
        Assert.InRange(k8s.KubernetesJson.Serialize(slim).Length, 1, k8s.KubernetesJson.Serialize(node).Length / 2);
    }

    [Fact]
    public async Task The_slim_list_watch_slims_listed_and_watched_nodes_and_passes_bookmarks()
    {
        var node = k8s.KubernetesJson.Deserialize<V1Node>(GpuNode)!;
        var bookmark = new V1Node { Metadata = new V1ObjectMeta { ResourceVersion = "80" } };
        var inner = new ListWatch<V1Node>(
            (_, _, _) => Task.FromResult(new ListPage<V1Node>([node], "78", "next")),
            (_, _, _, _) => Events((k8s.WatchEventType.Modified, node), (k8s.WatchEventType.Bookmark, bookmark)));
        var slim = new SlimListWatch<V1Node>(inner, NodeMapper.Slim);

        var page = await slim.ListAsync(null, 500, CancellationToken.None);
        var events = new List<WatchEvent<V1Node>>();
        await foreach (var e in slim.WatchAsync("78", TimeSpan.FromMinutes(1), CancellationToken.None))
        {
            events.Add(e);
        }

        Assert.Equal(("78", "next"), (page.ResourceVersion, page.Continue));
        Assert.Null(Assert.Single(page.Items).Status.Images);
        Assert.Equal([k8s.WatchEventType.Modified, k8s.WatchEventType.Bookmark], events.Select(e => e.Type));
        Assert.Null(events[0].Object!.Status.Images);
        Assert.Equal("80", events[1].Object!.Metadata.ResourceVersion);
    }

    private static async IAsyncEnumerable<(k8s.WatchEventType, V1Node)> Events(params (k8s.WatchEventType, V1Node)[] events)
    {
        foreach (var e in events)
        {
            await Task.Yield();
            yield return e;
        }
    }
}
