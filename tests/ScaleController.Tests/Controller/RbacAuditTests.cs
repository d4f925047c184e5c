using Autoscale.ScaleController.Tests.Kube;
using Autoscale.ScaleController.Watch.Demand;
using Autoscale.Testing.KubeApi.Rbac;

namespace Autoscale.ScaleController.Tests.Controller;

public sealed class RbacAuditTests
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(10);

    // The Deployment of the predictive tests, with the planner on (its demand reads), plus a LeaderWorkerSet (read
    // through /scale) with the same warm-pool policy.
    private static readonly string Config = PredictiveQueueTests.Config + PlannerTests.PlannerSection + """

          - namespace: llm
            name: vllm
            kind: LeaderWorkerSet
            warmPool:
              minimum: 1
              maxGpus: 8
              predictive:
                enabled: true
        """;

    [Fact]
    public async Task Every_request_of_two_controllers_is_allowed_by_deploy_rbac()
    {
        // Predictive warm pool and planner on, so every round also reads queue depth and demand (404 here: no adapter
        // behind the test server).
        await using var h = await ControllerHarness.StartAsync(Config.Replace("maxGpus: 4", "maxGpus: 12", StringComparison.Ordinal));
        ScaleTargetTests.SeedLeaderWorkerSet(h.Server);
        h.ScriptColdStarts();
        var a = await h.StartControllerAsync("pod-a");
        var b = await h.StartControllerAsync("pod-b");
        await Eventually.TrueAsync(
            () => h.Placeholders().Count == 2 && h.Hpa().Metadata.Annotations.ContainsKey("autoscale.dev/cold-start-history")
                && h.Server.Get<k8s.Models.V2HorizontalPodAutoscaler>("llm", "vllm")!.Metadata.Annotations?.ContainsKey("autoscale.dev/cold-start-history") == true,
            Timeout, "acted on both");
        h.Server.Upsert(Seed.ConfigMap("workloads: {}"));
        await Eventually.TrueAsync(() => h.Server.List<k8s.Models.Corev1Event>("autoscale").Count == 1, Timeout, "config event");
        h.Server.Upsert(Seed.ConfigMap(Config.Replace("minimum: 1", "minimum: 0", StringComparison.Ordinal)));
        await Eventually.TrueAsync(() => h.Placeholders().Count == 0, Timeout, "placeholders deleted");

        var rules = RbacRule.Load(Path.Combine(Repo.Root, "deploy", "rbac"), "controller-clusterrole.yaml", "controller-placeholders-clusterrole.yaml", "controller-role.yaml");
        var controller = h.Server.Requests.Where(r => r.User.StartsWith("system:serviceaccount:autoscale:", StringComparison.Ordinal)).ToList();
        var denied = controller.Where(r => r.IsResourceRequest && !rules.Any(rule => rule.Allows(r))).Select(r => r.ToString()).Distinct().ToList();

        Assert.Empty(denied);

        // Non-resource requests: only API discovery of a scale target's group/version, and (once at start) of the
        // CapacityBuffer group, which the built-in system:discovery ClusterRole allows every authenticated user.
        Assert.Equal(
            ["get /apis/autoscaling.x-k8s.io", "get /apis/leaderworkerset.x-k8s.io/v1"],
            controller.Where(r => !r.IsResourceRequest).Select(r => $"{r.Verb} {r.Path}").Distinct().Order(StringComparer.Ordinal));
        Assert.All(controller.Where(r => r.Resource == "configmaps"), r => Assert.Equal("autoscale-scale-controller-config", r.Name));
        var used = controller.Where(r => r.IsResourceRequest).Select(r => $"{r.Verb} {r.ApiGroup}/{r.Resource}{(r.Subresource.Length > 0 ? "/" + r.Subresource : "")}").Distinct().Order(StringComparer.Ordinal).ToList();
        string[] expected =
        [
            "create /events", "create /pods", "create coordination.k8s.io/leases", "delete /pods", "get coordination.k8s.io/leases",
            "get custom.metrics.k8s.io/deployments.apps/vllm_queue_depth", "get custom.metrics.k8s.io/pods/vllm_queue_depth",
            .. DemandSeries.All.Where(m => m != "vllm_queue_depth").Select(m => $"get custom.metrics.k8s.io/pods/{m}"),
            "get leaderworkerset.x-k8s.io/leaderworkersets", "get leaderworkerset.x-k8s.io/leaderworkersets/scale",
            "get scheduling.k8s.io/priorityclasses", "list /configmaps", "list /nodes", "list /pods", "list apps/deployments", "list apps/statefulsets",
            "list autoscaling/horizontalpodautoscalers", "patch autoscaling/horizontalpodautoscalers", "update coordination.k8s.io/leases",
            "watch /configmaps", "watch /nodes", "watch /pods", "watch apps/deployments", "watch apps/statefulsets", "watch autoscaling/horizontalpodautoscalers",
        ];
        Assert.Equal(expected.Order(StringComparer.Ordinal), used);

        // Minimal: every grant in deploy/rbac is used, except what these tests cannot reach: the harness manages a
        // Deployment only, so the StatefulSet twin of the queue-depth read (same code path, see QueueDepthParsingTests);
        // and the CapacityBuffer backend, off here (the test below uses those grants).
        string[] allowedUnused = ["get custom.metrics.k8s.io/statefulsets.apps/vllm_queue_depth", .. BufferGrants, .. ApplyCreates];
        var unused = rules.SelectMany(r => r.Grants()).Distinct().Except(used).Except(allowedUnused).ToList();
        Assert.Empty(unused);
        Assert.True(a.Parts.Leadership.IsLeader ^ b.Parts.Leadership.IsLeader);
    }

    // What the CapacityBuffer backend asks for, and what the API server authorizes as create when a server-side apply
    // creates the object (the test server records the request as the patch it is, so those go unused here).
    private static readonly string[] BufferGrants =
    [
        "delete /podtemplates", "delete autoscaling.x-k8s.io/capacitybuffers", "list autoscaling.x-k8s.io/capacitybuffers",
        "patch /podtemplates", "patch autoscaling.x-k8s.io/capacitybuffers",
    ];

    private static readonly string[] ApplyCreates = ["create /podtemplates", "create autoscaling.x-k8s.io/capacitybuffers"];

    [Fact]
    public async Task The_capacity_buffer_backend_is_allowed_by_deploy_rbac_and_uses_its_grants()
    {
        const string BufferConfig = """
            budget:
              maxGpus: 4
            workloads:
              - namespace: llm
                name: qwen
                warmPool:
                  minimum: 1
                  backend: auto
            """;
        await using var h = await ControllerHarness.StartAsync(BufferConfig);
        CapacityBuffers.AddCrd(h.Server);
        await h.StartControllerAsync("pod-a", o => o with { CapacityBufferDiscovery = TimeSpan.FromMilliseconds(200) });
        await Eventually.TrueAsync(() => CapacityBuffers.List(h.Server, "llm").Count == 1, Timeout, "buffer applied");
        h.Server.Upsert(Seed.ConfigMap("workloads: []"));
        await Eventually.TrueAsync(
            () => CapacityBuffers.List(h.Server, "llm").Count == 0 && h.Server.List<k8s.Models.V1PodTemplate>("llm").Count == 0, Timeout, "buffer and template deleted");

        var rules = RbacRule.Load(Path.Combine(Repo.Root, "deploy", "rbac"), "controller-clusterrole.yaml", "controller-placeholders-clusterrole.yaml", "controller-role.yaml");
        var controller = h.Server.Requests.Where(r => r.User.StartsWith("system:serviceaccount:autoscale:", StringComparison.Ordinal)).ToList();

        Assert.Empty(controller.Where(r => r.IsResourceRequest && !rules.Any(rule => rule.Allows(r))).Select(r => r.ToString()).Distinct());
        Assert.Equal(["get /apis/autoscaling.x-k8s.io"], controller.Where(r => !r.IsResourceRequest).Select(r => $"{r.Verb} {r.Path}").Distinct());
        var used = controller.Where(r => r.IsResourceRequest).Select(r => $"{r.Verb} {r.ApiGroup}/{r.Resource}").ToHashSet();
        Assert.Subset(used, BufferGrants.ToHashSet());
        Assert.Subset(rules.SelectMany(r => r.Grants()).ToHashSet(), BufferGrants.Concat(ApplyCreates).ToHashSet());
    }
}
