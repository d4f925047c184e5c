using Autoscale.ScaleController.Tests.Kube;
using Autoscale.Testing.KubeApi;
using k8s.Models;

namespace Autoscale.ScaleController.Tests.Controller;

/// <summary>
/// Nodes watched end to end: a pod waits for a node the "cluster autoscaler" creates, the node starts, the pod is
/// scheduled there, starts and becomes Ready; the learnt sample carries node provisioning and start-up. And a
/// placeholder goes from warming (no node) to warm (Running on a Ready GPU node).
/// </summary>
public sealed class NodeWatchTests
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(10);

    [Fact]
    public async Task A_pod_that_waited_for_a_new_node_teaches_provisioning_and_start_up()
    {
        // The server stamps creationTimestamp from this clock (whole seconds), so the node is created 180 s after the
        // pod became unschedulable without the test waiting 3 minutes. Timers stay real.
        var clock = new WallClock(DateTimeOffset.FromUnixTimeSeconds(TimeProvider.System.GetUtcNow().ToUnixTimeSeconds()));
        await using var h = await ControllerHarness.StartAsync(serverOptions: new KubeApiTestServerOptions { TimeProvider = clock });
        var app = await h.StartControllerAsync("pod-a");
        await Eventually.TrueAsync(() => app.Parts.Leadership.IsLeader && h.Placeholders().Count == 1, Timeout, "leads, placeholder created");
        await Eventually.TrueAsync(() => app.Parts.Metrics.WarmPool.WithLabels("llm/qwen", "warming").Value == 1, Timeout, "placeholder warming: no node yet");

        var pod = Seed.Pod(h.Server, "llm", "qwen-a", "qwen");
        var created = pod.Metadata.CreationTimestamp!.Value;
        pod.Status.Conditions = [new V1PodCondition { Type = "PodScheduled", Status = "False", Reason = "Unschedulable", LastTransitionTime = created }];
        pod = h.Server.Upsert(pod);
        await Eventually.TrueAsync(() => app.Parts.Cache.Snapshot().UnschedulableByUid?.ContainsKey(pod.Metadata.Uid) == true, Timeout, "the wait is seen");

        clock.Now += TimeSpan.FromSeconds(180);
        var node = h.Server.Upsert(new V1Node { Metadata = new V1ObjectMeta { Name = "gpu-1" } });
        Assert.Equal(created.AddSeconds(180), node.Metadata.CreationTimestamp);
        node.Status = new V1NodeStatus
        {
            Conditions = [new V1NodeCondition { Type = "Ready", Status = "True", LastTransitionTime = created.AddSeconds(240) }],
            Allocatable = new Dictionary<string, ResourceQuantity> { ["nvidia.com/gpu"] = new("8"), ["cpu"] = new("96") },
            Images = [new V1ContainerImage { Names = ["vllm/vllm-openai:v0.11.0"], SizeBytes = 10_000_000_000 }],
        };
        h.Server.Upsert(node);
        // As in a cluster, where the node is Ready minutes before the pod is: the node watch has it first.
        await Eventually.TrueAsync(
            () => app.Parts.Cache.Snapshot().Nodes?.Any(n => n.Metadata.Name == "gpu-1" && n.Status?.Conditions?.Count == 1) == true, Timeout, "the node Ready is seen");
        pod.Spec.NodeName = "gpu-1";
        Seed.Progress(h.Server, pod, scheduled: 300, started: 330, ready: 450);

        await Eventually.TrueAsync(() => h.Hpa().Metadata.Annotations?.ContainsKey("autoscale.dev/cold-start-history") == true, Timeout, "history persisted");
        var metrics = app.Parts.Metrics;
        Assert.Contains("""["qwen-a",""", h.Hpa().Metadata.Annotations["autoscale.dev/cold-start-history"], StringComparison.Ordinal);
        Assert.EndsWith(""",300,30,120,180,60]]}""", h.Hpa().Metadata.Annotations["autoscale.dev/cold-start-history"], StringComparison.Ordinal);
        Assert.Equal(
            (450, 300, 180, 60),
            (metrics.ColdStartSeconds.WithLabels("llm/qwen", "total").Value, metrics.ColdStartSeconds.WithLabels("llm/qwen", "scheduling").Value,
             metrics.ColdStartSeconds.WithLabels("llm/qwen", "node_provisioning").Value, metrics.ColdStartSeconds.WithLabels("llm/qwen", "node_startup").Value));
        Assert.Equal(180, metrics.ColdStartMedianSeconds.WithLabels("llm/qwen", "node_provisioning").Value);
        await Eventually.TrueAsync(() => h.Server.List<Corev1Event>("llm").Any(e => e.Message.Contains("node provisioning 180s, node start-up 60s", StringComparison.Ordinal)), Timeout, "event names the node phases");

        // The placeholder lands on the node and runs: warm.
        var placeholder = h.Placeholders().Single();
        placeholder.Spec.NodeName = "gpu-1";
        placeholder.Status = new V1PodStatus { Phase = "Running" };
        h.Server.Upsert(placeholder);
        await Eventually.TrueAsync(
            () => metrics.WarmPool.WithLabels("llm/qwen", "warm").Value == 1 && metrics.WarmPool.WithLabels("llm/qwen", "warming").Value == 0, Timeout, "placeholder warm");
    }

    /// <summary>A wall clock the test sets; timers and timestamps for elapsed time stay the system's.</summary>
    private sealed class WallClock(DateTimeOffset start) : TimeProvider
    {
        public DateTimeOffset Now { get; set; } = start;

        public override DateTimeOffset GetUtcNow() => Now;
    }
}
