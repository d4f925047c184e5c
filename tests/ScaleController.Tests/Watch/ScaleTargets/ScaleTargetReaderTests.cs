using Autoscale.ScaleController.Config;
using Autoscale.ScaleController.Kube;
using Autoscale.ScaleController.Telemetry;
using Autoscale.ScaleController.Tests.Kube;
using Autoscale.ScaleController.Watch.ScaleTargets;
using Autoscale.Testing.KubeApi;
using k8s.Models;
using Microsoft.Extensions.Logging.Abstractions;

namespace Autoscale.ScaleController.Tests.Watch.ScaleTargets;

/// <summary>Discovery and /scale reads through the real KubernetesClient against the Kubernetes API test server.</summary>
public sealed class ScaleTargetReaderTests
{
    private static readonly WorkloadRef Lws = new("llm", "vllm", WorkloadKind.LeaderWorkerSet);
    private static readonly WorkloadRef Rollout = new("llm", "chat", WorkloadKind.From("argoproj.io/v1alpha1", "Rollout")!);

    [Fact]
    public async Task A_leader_worker_set_is_read_through_discovery_and_scale_and_its_template_from_the_object()
    {
        await using var server = await KubeApiTestServer.StartAsync();
        CustomResources.AddLeaderWorkerSetCrd(server);
        CustomResources.LeaderWorkerSet(server, "llm", "vllm", replicas: 3);
        var (reader, metrics, client) = Reader(server);
        using var _ = client;

        await reader.RefreshAsync([Lws, new WorkloadRef("llm", "qwen")], [], CancellationToken.None);
        await reader.RefreshAsync([Lws], [], CancellationToken.None);

        var target = reader.Current[Lws];
        Assert.Equal((3, "leaderworkerset.sigs.k8s.io/name=vllm,leaderworkerset.sigs.k8s.io/worker-index=0"), (target.Replicas, target.Selector));
        Assert.Equal("spec.leaderWorkerTemplate.workerTemplate", target.TemplateSource);
        Assert.Equal(server.ListJson(CustomResources.LwsGroup, "LeaderWorkerSet", "llm").Single()["metadata"]!["uid"]!.GetValue<string>(), target.Uid);
        var container = target.Template!.Spec.Containers.Single();
        Assert.Equal(("vllm/vllm-openai:v0.11.0", "8"), (container.Image, container.Resources.Requests["nvidia.com/gpu"].ToString()));
        Assert.Equal("nvidia-h100-80gb", target.Template.Spec.NodeSelector["cloud.google.com/gke-accelerator"]);
        Assert.Single(reader.Current); // the Deployment is watched, not read here
        var reads = server.Requests.Select(r => $"{r.Verb} {r.Path}").ToList();
        Assert.Equal(1, reads.Count(r => r == "get /apis/leaderworkerset.x-k8s.io/v1"));
        Assert.Equal(2, reads.Count(r => r == "get /apis/leaderworkerset.x-k8s.io/v1/namespaces/llm/leaderworkersets/vllm/scale"));
        Assert.Equal(1, reads.Count(r => r == "get /apis/leaderworkerset.x-k8s.io/v1/namespaces/llm/leaderworkersets/vllm")); // unchanged resourceVersion
        Assert.Equal(2, metrics.ScaleTargetReads.WithLabels(ScaleTargetOutcome.Ok).Value);
        Assert.Empty(reader.Problems);
    }

    [Fact]
    public async Task A_kind_with_no_known_template_takes_it_from_its_newest_ready_pod_and_keeps_it_without_one()
    {
        await using var server = await KubeApiTestServer.StartAsync();
        CustomResources.AddRolloutCrd(server);
        CustomResources.Rollout(server, "llm", "chat", replicas: 2);
        var labels = new Dictionary<string, string> { ["app"] = "chat" };
        var old = CustomResources.Pod(server, "llm", "chat-old", labels, gpus: "2", scheduled: 1, started: 2, ready: 3);
        var newest = CustomResources.Pod(server, "llm", "chat-new", labels, gpus: "4", scheduled: 1, started: 2, ready: 3);
        var pending = CustomResources.Pod(server, "llm", "chat-pending", labels, gpus: "6");
        var other = CustomResources.Pod(server, "llm", "other", new Dictionary<string, string> { ["app"] = "other" }, gpus: "1", scheduled: 1, started: 2, ready: 3);
        newest.Metadata.CreationTimestamp = old.Metadata.CreationTimestamp!.Value.AddSeconds(10);
        var (reader, _, client) = Reader(server);
        using var _ = client;

        await reader.RefreshAsync([Rollout], [old, newest, pending, other], CancellationToken.None);
        var target = reader.Current[Rollout];
        await reader.RefreshAsync([Rollout], [pending], CancellationToken.None);

        Assert.Equal(("app=chat", "pod chat-new"), (target.Selector, target.TemplateSource));
        Assert.Equal("4", target.Template!.Spec.Containers.Single().Resources.Requests["nvidia.com/gpu"].ToString());
        Assert.Null(target.Template.Spec.Tolerations?.FirstOrDefault(t => t.Key.StartsWith("node.kubernetes.io/", StringComparison.Ordinal)));
        Assert.Null(target.Template.Spec.NodeName);
        Assert.Equal("pod chat-new", reader.Current[Rollout].TemplateSource); // no Ready pod now: the last template stands
        Assert.DoesNotContain(server.Requests, r => r.Path == "/apis/argoproj.io/v1alpha1/namespaces/llm/rollouts/chat");
    }

    [Fact]
    public async Task Each_failure_skips_only_its_workload_and_says_why()
    {
        await using var server = await KubeApiTestServer.StartAsync(new KubeApiTestServerOptions
        {
            EnforceAuthorization = true,
            AuthorizationPolicy = spec => spec.ResourceAttributes is not { Resource: "rollouts", Subresource: "scale" },
        });
        CustomResources.AddLeaderWorkerSetCrd(server);
        CustomResources.AddRolloutCrd(server);
        CustomResources.LeaderWorkerSet(server, "llm", "vllm");
        CustomResources.LeaderWorkerSet(server, "llm", "fresh", reconciled: false);
        CustomResources.Rollout(server, "llm", "chat");
        var gone = new WorkloadRef("llm", "gone", WorkloadKind.LeaderWorkerSet);
        var fresh = new WorkloadRef("llm", "fresh", WorkloadKind.LeaderWorkerSet);
        var noGroup = new WorkloadRef("llm", "isvc", WorkloadKind.From("serving.kserve.io/v1beta1", "InferenceService")!);
        var noKind = new WorkloadRef("llm", "pool", WorkloadKind.From("leaderworkerset.x-k8s.io/v1", "WorkerPool")!);
        var (reader, metrics, client) = Reader(server);
        using var _ = client;

        await reader.RefreshAsync([Lws, Rollout, gone, fresh, noGroup, noKind], [], CancellationToken.None);

        Assert.Equal([Lws], reader.Current.Keys);
        var problems = reader.Problems;
        Assert.StartsWith("the controller may not get rollouts.argoproj.io/scale (403: rollouts.argoproj.io \"chat\" is forbidden", problems[Rollout], StringComparison.Ordinal);
        Assert.EndsWith("grant get on rollouts/scale in API group \"argoproj.io\" (deploy/rbac/README.md)", problems[Rollout], StringComparison.Ordinal);
        Assert.Equal("leaderworkersets.leaderworkerset.x-k8s.io \"gone\" not found in namespace llm (the HPA's target is gone)", problems[gone]);
        Assert.StartsWith("its /scale has no status.selector yet", problems[fresh], StringComparison.Ordinal);
        Assert.Equal("the API server does not serve serving.kserve.io/v1beta1 (API discovery: 404; is its CRD installed?)", problems[noGroup]);
        Assert.StartsWith("API discovery of leaderworkerset.x-k8s.io/v1 lists no resource of kind WorkerPool", problems[noKind], StringComparison.Ordinal);
        Assert.Equal(new[] { Rollout, fresh, noGroup, noKind }.ToHashSet(), reader.Unreadable.Keys.ToHashSet()); // all but the 404: held, not gone
        Assert.Equal(
            [(ScaleTargetOutcome.Ok, 1), (ScaleTargetOutcome.NotFound, 1), (ScaleTargetOutcome.Forbidden, 1), (ScaleTargetOutcome.UnknownKind, 2), (ScaleTargetOutcome.NoSelector, 1)],
            new[] { ScaleTargetOutcome.Ok, ScaleTargetOutcome.NotFound, ScaleTargetOutcome.Forbidden, ScaleTargetOutcome.UnknownKind, ScaleTargetOutcome.NoSelector }
                .Select(o => (o, (int)metrics.ScaleTargetReads.WithLabels(o).Value)));
    }

    [Fact]
    public async Task A_transient_error_keeps_the_last_read_and_a_deleted_target_is_dropped()
    {
        await using var server = await KubeApiTestServer.StartAsync();
        CustomResources.AddLeaderWorkerSetCrd(server);
        CustomResources.LeaderWorkerSet(server, "llm", "vllm", replicas: 2);
        var (reader, metrics, client) = Reader(server);
        using var _ = client;
        await reader.RefreshAsync([Lws], [], CancellationToken.None);

        server.FailNext(1, new InjectedFault(503), r => r.Subresource == "scale");
        await reader.RefreshAsync([Lws], [], CancellationToken.None);
        var kept = reader.Current.GetValueOrDefault(Lws);
        CustomResources.DeleteLeaderWorkerSet(server, "llm", "vllm");
        await reader.RefreshAsync([Lws], [], CancellationToken.None);

        Assert.Equal(2, kept?.Replicas);
        Assert.Equal(1, metrics.ScaleTargetReads.WithLabels(ScaleTargetOutcome.Error).Value);
        Assert.Empty(reader.Current);
        Assert.Equal(1, metrics.ScaleTargetReads.WithLabels(ScaleTargetOutcome.NotFound).Value);
        Assert.Empty(reader.Unreadable);
    }

    private static (ScaleTargetReader Reader, ControllerMetrics Metrics, k8s.Kubernetes Client) Reader(KubeApiTestServer server)
    {
        var metrics = new ControllerMetrics(Prometheus.Metrics.NewCustomRegistry());
        var client = KubeClientFactory.Create(server.CreateClientConfiguration(), new ApiRetryOptions(5, TimeSpan.FromMilliseconds(10)), metrics, TimeProvider.System);
        var api = new ApiReader(client);
        return (new ScaleTargetReader(api, new ResourceDiscovery(api, TimeProvider.System), metrics, TimeProvider.System, NullLogger.Instance), metrics, client);
    }
}
