using Autoscale.Kubernetes;
using Autoscale.MetricsAdapter.Store;
using Autoscale.Testing.KubeApi;
using k8s.Models;

namespace Autoscale.MetricsAdapter.Tests.Sources.Targets;

public sealed class TargetWatchInventoryTests
{
    [Fact]
    public async Task A_pod_turning_unready_is_not_ready_in_the_store_and_back()
    {
        await using var h = await TargetWatchHarness.StartAsync();
        h.Server.Upsert(Kube.Pod("llm", "p1"));
        await h.RunAsync();
        Assert.Equal(PodState.Ready, h.StoredPod("llm", "p1")?.Info.State);

        h.Server.Upsert(Kube.Pod("llm", "p1", ready: false));
        await Eventually.TrueAsync(() => h.StoredPod("llm", "p1")?.Info.State == PodState.NotReady, "NotReady");

        h.Server.Upsert(Kube.Pod("llm", "p1"));
        await Eventually.TrueAsync(() => h.StoredPod("llm", "p1")?.Info.State == PodState.Ready, "Ready again");
    }

    [Fact]
    public async Task A_deleted_pod_leaves_the_store_and_the_targets()
    {
        await using var h = await TargetWatchHarness.StartAsync();
        h.Server.Upsert(Kube.Deployment("llm", "llama"));
        h.Server.Upsert(Kube.Hpa("llm", "llama", "llama", Kube.PodsMetric("vllm_queue_depth")));
        h.Server.Upsert(Kube.Pod("llm", "p1"));
        h.Server.Upsert(Kube.Pod("llm", "p2", ip: "10.0.0.2"));
        await h.RunAsync();
        Assert.Equal(2, h.Targets.Current.Count);

        h.Server.Delete<V1Pod>("llm", "p1");

        await Eventually.TrueAsync(() => h.StoredPod("llm", "p1") is null && h.Target("llm", "p1") is null, "p1 gone");
        Assert.NotNull(h.Target("llm", "p2"));
    }

    [Fact]
    public async Task Deployments_and_services_become_workloads_with_their_pod_selectors()
    {
        await using var h = await TargetWatchHarness.StartAsync();
        h.Server.Upsert(Kube.Deployment("llm", "llama"));
        h.Server.Upsert(new V1Service { Metadata = new V1ObjectMeta { Name = "llama-svc", NamespaceProperty = "llm" }, Spec = new V1ServiceSpec { Selector = Kube.Vllm } });
        h.Server.Upsert(new V1Service { Metadata = new V1ObjectMeta { Name = "external", NamespaceProperty = "llm" }, Spec = new V1ServiceSpec() });
        h.Server.Upsert(Kube.Pod("llm", "p1"));

        await h.RunAsync();

        var ns = h.Store.Current.Namespace("llm")!;
        var deployment = Assert.Single(ns.WorkloadsOf(GroupResource.Deployments));
        Assert.Equal(("llama", "app=vllm", "llm"), (deployment.Info.Name, deployment.Info.PodSelector.ToString(), deployment.Info.Labels["team"]));
        Assert.Equal(["p1"], deployment.Pods.Select(p => p.Info.Name));
        Assert.Equal("llama-svc", Assert.Single(ns.WorkloadsOf(GroupResource.Services)).Info.Name);

        h.Server.Delete<V1Deployment>("llm", "llama");
        await Eventually.TrueAsync(() => h.Store.Current.Namespace("llm")!.WorkloadsOf(GroupResource.Deployments).Length == 0, "deployment removed");
    }

    [Fact]
    public async Task A_pod_deleted_during_a_watch_gap_disappears_after_the_relist()
    {
        await using var h = await TargetWatchHarness.StartAsync();
        h.Server.Upsert(Kube.Deployment("llm", "llama"));
        h.Server.Upsert(Kube.Hpa("llm", "llama", "llama", Kube.PodsMetric("vllm_queue_depth")));
        h.Server.Upsert(Kube.Pod("llm", "p1"));
        h.Server.Upsert(Kube.Pod("llm", "p2", ip: "10.0.0.2"));
        await h.RunAsync();

        h.Server.InjectFaults(r => r.Verb == "watch" ? InjectedFault.InternalError : null);
        h.Server.DropWatches();
        await Eventually.TrueAsync(() => h.Server.Requests.Any(r => r.Verb == "watch" && r.StatusCode == 500), "a failed reconnect");
        h.Server.Delete<V1Pod>("llm", "p1");
        h.Server.Upsert(Kube.Pod("llm", "p2", ip: "10.0.0.2", ready: false));
        h.Server.Compact();
        h.Server.InjectFaults(null);

        await Eventually.TrueAsync(() => h.StoredPod("llm", "p1") is null && h.Target("llm", "p1") is null, "p1 gone after the relist");
        await Eventually.TrueAsync(() => h.StoredPod("llm", "p2")?.Info.State == PodState.NotReady, "p2's change seen");

        h.Server.Upsert(Kube.Pod("llm", "p3", ip: "10.0.0.3"));
        await Eventually.TrueAsync(() => h.Target("llm", "p3") is not null, "watching again after the relist");
    }
}
