using Autoscale.Kubernetes.Watch;
using Autoscale.ScaleController.Watch;
using k8s.Models;
using static Autoscale.ScaleController.Tests.Decide.Fixtures;

namespace Autoscale.ScaleController.Tests.Watch;

public sealed class UnschedulableTimesTests
{
    private static readonly DateTime Created = Now.UtcDateTime.AddMinutes(-10);

    [Fact]
    public async Task The_wait_is_remembered_after_the_pod_is_scheduled_and_the_builder_uses_it()
    {
        var times = new UnschedulableTimes();
        await times.OnChange(new(ReflectorChangeType.Added, Unschedulable("u-1", 2), null), CancellationToken.None);
        await times.OnChange(new(ReflectorChangeType.Modified, Unschedulable("u-1", 40), null), CancellationToken.None); // a later retry's time
        var scheduled = Scheduled("u-1", 300);
        await times.OnChange(new(ReflectorChangeType.Modified, scheduled, null), CancellationToken.None);
        var snapshot = ClusterSnapshot.Empty with
        {
            Deployments = [Kube.Seed.Deployment("llm", "qwen")],
            Pods = [scheduled],
            UnschedulableByUid = times.Retain([scheduled]),
        };

        var pod = ObservedClusterBuilder.Build(ConfigOf(Workload()), snapshot).Workloads.Single().Pods.Single();

        Assert.Equal(Created.AddSeconds(2), pod.UnschedulableSince!.Value.UtcDateTime);
        Assert.Equal(Created.AddSeconds(300), pod.Scheduled!.Value.UtcDateTime);
        Assert.Equal("gpu-1", pod.NodeName);
    }

    [Fact]
    public async Task Deleted_recreated_and_unwatched_pods_are_forgotten()
    {
        var times = new UnschedulableTimes();
        await times.OnChange(new(ReflectorChangeType.Added, Unschedulable("u-1", 2), null), CancellationToken.None);
        await times.OnChange(new(ReflectorChangeType.Added, Unschedulable("u-2", 3), null), CancellationToken.None);
        await times.OnChange(new(ReflectorChangeType.Deleted, Unschedulable("u-1", 2), null), CancellationToken.None);
        var recreated = Scheduled("u-3", 5); // same name, new UID, never unschedulable

        Assert.Empty(times.Retain([recreated, Scheduled("u-1", 5)]));
        Assert.Single(times.Retain([Scheduled("u-2", 5)])); // absent once: kept (its handler may have run just after the pods were read)
        Assert.Empty(times.Retain([recreated]));
        Assert.Empty(times.Retain([recreated]));
        Assert.Empty(times.Retain([Scheduled("u-2", 5)])); // absent twice: forgotten (no longer watched)
    }

    [Fact]
    public void A_pod_still_pending_keeps_its_own_condition_and_one_never_unschedulable_gets_none()
    {
        var snapshot = ClusterSnapshot.Empty with
        {
            Deployments = [Kube.Seed.Deployment("llm", "qwen")],
            Pods = [Scheduled("u-1", 5)],
            UnschedulableByUid = new Dictionary<string, DateTimeOffset>(),
        };

        Assert.Null(ObservedClusterBuilder.Build(ConfigOf(Workload()), snapshot).Workloads.Single().Pods.Single().UnschedulableSince);
    }

    private static V1Pod Unschedulable(string uid, int at) => Pod(uid, new V1PodCondition { Type = "PodScheduled", Status = "False", Reason = "Unschedulable", LastTransitionTime = Created.AddSeconds(at) }, null);

    private static V1Pod Scheduled(string uid, int at) => Pod(uid, new V1PodCondition { Type = "PodScheduled", Status = "True", LastTransitionTime = Created.AddSeconds(at) }, "gpu-1");

    private static V1Pod Pod(string uid, V1PodCondition scheduled, string? node) => new()
    {
        Metadata = new V1ObjectMeta { Name = "qwen-a", NamespaceProperty = "llm", Uid = uid, CreationTimestamp = Created, Labels = new Dictionary<string, string> { ["app"] = "qwen" } },
        Spec = new V1PodSpec { NodeName = node, Containers = [new V1Container { Name = "vllm" }] },
        Status = new V1PodStatus { Phase = "Pending", Conditions = [scheduled] },
    };
}
