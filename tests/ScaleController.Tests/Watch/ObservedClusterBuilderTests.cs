using Autoscale.ScaleController.Config;
using Autoscale.ScaleController.Watch;
using Autoscale.ScaleController.Watch.ScaleTargets;
using k8s.Models;
using static Autoscale.ScaleController.Tests.Decide.Fixtures;

namespace Autoscale.ScaleController.Tests.Watch;

public sealed class ObservedClusterBuilderTests
{
    private static readonly WorkloadRef Lws = new("llm", "vllm", WorkloadKind.LeaderWorkerSet);
    private static readonly ResolvedResource Resource = new("leaderworkerset.x-k8s.io", "v1", "leaderworkersets", true, true);

    [Fact]
    public void A_target_read_through_scale_is_observed_with_its_replicas_template_and_selected_pods()
    {
        var template = Kube.Seed.Deployment("llm", "x", gpus: "8").Spec.Template;
        var snapshot = ClusterSnapshot.Empty with
        {
            Pods = [Pod("vllm-0", "0"), Pod("vllm-0-1", "1"), Pod("other-0", "0", name: "other")],
            ScaleTargets = new Dictionary<WorkloadRef, ScaleTarget>
            {
                [Lws] = new(Resource, 3, "leaderworkerset.sigs.k8s.io/name=vllm,leaderworkerset.sigs.k8s.io/worker-index=0", template, "spec.x", "7", Now, "uid-lws"),
            },
        };
        var config = ConfigOf(Workload(Lws), Workload(Qwen));

        var observed = ObservedClusterBuilder.Build(config, snapshot).Workloads.Single();

        Assert.Equal((Lws, 3, "uid-lws"), (observed.Ref, observed.Replicas, observed.Uid));
        Assert.Equal("8", observed.Template.Requests["nvidia.com/gpu"]);
        Assert.Equal(["vllm-0"], observed.Pods.Select(p => p.Name));
        Assert.Equal(["leaderworkerset.sigs.k8s.io/name=vllm,leaderworkerset.sigs.k8s.io/worker-index=0"], ObservedClusterBuilder.PodScopes(config, snapshot).Select(s => s.LabelSelector));
        Assert.Equal([Lws], ObservedClusterBuilder.Selectors(config, snapshot).Keys);
    }

    [Fact]
    public void A_deployment_is_observed_with_its_uid_for_ownerReferences()
    {
        var deployment = Kube.Seed.Deployment("llm", "qwen");
        deployment.Metadata.Uid = "uid-qwen";

        var observed = ObservedClusterBuilder.Build(ConfigOf(Workload(Qwen)), ClusterSnapshot.Empty with { Deployments = [deployment] }).Workloads.Single();

        Assert.Equal("uid-qwen", observed.Uid);
    }

    [Fact]
    public void A_target_whose_template_is_not_known_yet_has_no_gpus_and_so_no_placeholders()
    {
        var snapshot = ClusterSnapshot.Empty with
        {
            ScaleTargets = new Dictionary<WorkloadRef, ScaleTarget> { [Lws] = new(Resource, 1, "app=vllm", null, null, "7", Now) },
        };

        var observed = ObservedClusterBuilder.Build(ConfigOf(Workload(Lws, WithPool(2))), snapshot).Workloads.Single();

        Assert.Empty(observed.Template.Requests);
        Assert.Empty(RunDecide(ConfigOf(Workload(Lws, WithPool(2))), ObservedClusterBuilder.Build(ConfigOf(Workload(Lws, WithPool(2))), snapshot)).Decisions
            .OfType<Autoscale.ScaleController.Decide.Decisions.CreatePlaceholder>());
    }

    [Fact]
    public void An_unreadable_target_holds_its_placeholders_and_a_gone_one_has_them_collected()
    {
        var gone = new WorkloadRef("llm", "old", WorkloadKind.LeaderWorkerSet);
        var snapshot = ClusterSnapshot.Empty with
        {
            Placeholders = [PlaceholderPod(Lws), PlaceholderPod(gone)],
            UnreadableTargets = new Dictionary<WorkloadRef, string> { [Lws] = "the controller may not get leaderworkersets.leaderworkerset.x-k8s.io/scale (403)" },
        };
        var config = ConfigOf(Workload(Lws, WithPool(1)), Workload(gone, WithPool(1)));

        var cluster = ObservedClusterBuilder.Build(config, snapshot);
        var decisions = RunDecide(config, cluster).Decisions;

        Assert.Empty(cluster.Workloads);
        Assert.Equal([new Autoscale.ScaleController.Decide.Observed.UnreadableTarget(Lws, "the controller may not get leaderworkersets.leaderworkerset.x-k8s.io/scale (403)")], cluster.Unreadable);
        Assert.Equal(["delete placeholder llm/old-warm-0: LeaderWorkerSet llm/old no longer exists"], decisions.Select(d => d.ToString()));
    }

    private static V1Pod PlaceholderPod(WorkloadRef owner) => Autoscale.ScaleController.Act.PlaceholderPodBuilder.Build(
        Autoscale.ScaleController.Decide.WarmPool.PlaceholderFactory.Build(owner, Template(gpus: 8), WarmPoolPolicy.Default, 8, "h1", 0));

    private static V1Pod Pod(string podName, string workerIndex, string name = "vllm") => new()
    {
        Metadata = new V1ObjectMeta
        {
            Name = podName,
            NamespaceProperty = "llm",
            CreationTimestamp = Now.UtcDateTime,
            Labels = new Dictionary<string, string> { ["leaderworkerset.sigs.k8s.io/name"] = name, ["leaderworkerset.sigs.k8s.io/worker-index"] = workerIndex },
        },
    };
}
