using System.Runtime.CompilerServices;
using Autoscale.ScaleController.Config;
using Autoscale.ScaleController.Tests.Kube;
using Autoscale.ScaleController.Watch.ScaleTargets;
using Autoscale.Testing.KubeApi;
using k8s.Models;
using Microsoft.Extensions.Logging;

namespace Autoscale.ScaleController.Tests.Controller;

/// <summary>
/// HPAs on scale targets other than Deployments and StatefulSets, through the whole controller: a LeaderWorkerSet
/// (multi-node vLLM) served by the Kubernetes API test server as its CRD declares it, with a /scale subresource.
/// </summary>
public sealed class ScaleTargetTests
{
    public const string Config = """
        budget:
          maxGpus: 32
        workloads:
          - namespace: llm
            name: qwen
            warmPool:
              minimum: 1
          - namespace: llm
            name: vllm
            kind: LeaderWorkerSet
            warmPool:
              minimum: 1
              maxGpus: 16
        """;

    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(10);
    private static readonly WorkloadRef VllmRef = new("llm", "vllm", WorkloadKind.LeaderWorkerSet);

    [Fact]
    public async Task A_leader_worker_set_is_managed_like_a_deployment_and_its_placeholders_go_with_it()
    {
        await using var h = await ControllerHarness.StartAsync(Config);
        SeedLeaderWorkerSet(h.Server);
        h.ScriptColdStarts();
        var app = await h.StartControllerAsync("pod-a");

        await Eventually.TrueAsync(() => Hpa(h).Spec.Behavior?.ScaleDown?.StabilizationWindowSeconds == 240, Timeout, "window = 1.5 × p90 of the leaders' 150 s, rounded up to 30 s");
        await Eventually.TrueAsync(() => Hpa(h).Metadata.Annotations?.ContainsKey("autoscale.dev/cold-start-history") == true, Timeout, "history persisted");
        await Eventually.TrueAsync(() => Placeholders(h, "vllm").Count == 1 && Placeholders(h, "qwen").Count == 1, Timeout, "one placeholder each");

        // The worker template's shape: 8 GPUs on an H100 node, the model server's image, its GPU toleration.
        var placeholder = Placeholders(h, "vllm").Single();
        var container = placeholder.Spec.Containers.Single();
        Assert.Equal(("vllm-warm-0", "LeaderWorkerSet/vllm"), (placeholder.Metadata.Name, placeholder.Metadata.Annotations["autoscale.dev/owner"]));
        Assert.Equal(("8", "vllm/vllm-openai:v0.11.0"), (container.Resources.Requests["nvidia.com/gpu"].ToString(), container.Image));
        Assert.Equal("nvidia-h100-80gb", placeholder.Spec.NodeSelector["cloud.google.com/gke-accelerator"]);
        Assert.Contains(placeholder.Spec.Tolerations, t => t.Key == "nvidia.com/gpu");
        Assert.Equal(150, app.Parts.Metrics.ColdStartSeconds.WithLabels("llm/vllm", "total").Value);
        Assert.Contains(h.Server.List<Corev1Event>("llm"), e => e.Reason == "BehaviorUpdated" && e.InvolvedObject.Name == "vllm");

        // Worker pods are not selected by /scale: the 900 s one was not learnt, the loading one holds nothing.
        Assert.NotEqual("Disabled", Hpa(h).Spec.Behavior.ScaleDown.SelectPolicy);

        // A loading leader holds scale-down until it is Ready; its slower cold start then moves the window.
        var loading = CustomResources.Pod(h.Server, "llm", "vllm-2", CustomResources.LeaderLabels("vllm", 2), "8", scheduled: 20);
        await Eventually.TrueAsync(() => Hpa(h).Spec.Behavior.ScaleDown.SelectPolicy == "Disabled", Timeout, "scale-down held while a leader loads");
        Seed.Progress(h.Server, loading, scheduled: 20, started: 100, ready: 400);
        await Eventually.TrueAsync(
            () => Hpa(h).Spec.Behavior.ScaleDown is { SelectPolicy: not "Disabled", StabilizationWindowSeconds: 600 }, Timeout, "released, window = 1.5 × 400 s");

        // The LeaderWorkerSet is deleted: its placeholder is collected, the Deployment's stays.
        Assert.True(CustomResources.DeleteLeaderWorkerSet(h.Server, "llm", "vllm"));
        await Eventually.TrueAsync(() => Placeholders(h, "vllm").Count == 0, Timeout, "placeholder of the deleted target collected");
        Assert.Single(Placeholders(h, "qwen"));
        Assert.True(app.Parts.Metrics.ScaleTargetReads.WithLabels(ScaleTargetOutcome.NotFound).Value >= 1);
    }

    [Fact]
    public async Task A_forbidden_scale_and_an_unknown_kind_skip_only_their_workloads_and_say_why()
    {
        var options = new KubeApiTestServerOptions
        {
            EnforceAuthorization = true,
            AuthorizationPolicy = spec => spec.ResourceAttributes is not { Resource: "leaderworkersets", Subresource: "scale" },
        };
        await using var h = await ControllerHarness.StartAsync(Config, options);
        SeedLeaderWorkerSet(h.Server);
        h.Server.Upsert(CustomResources.Hpa("llm", "isvc", "serving.kserve.io/v1beta1", "InferenceService", new Dictionary<string, string> { ["autoscale.dev/managed"] = "true" }));
        h.ScriptColdStarts();
        using var logs = new LogCapture();
        var app = await h.StartControllerAsync("pod-a", logging: logs.Factory);

        await Eventually.TrueAsync(() => Placeholders(h, "qwen").Count == 1 && h.Hpa().Spec.Behavior?.ScaleDown?.StabilizationWindowSeconds == 240, Timeout, "the Deployment is managed");
        await Eventually.TrueAsync(() => app.Parts.Watch.ScaleTargetProblems.Count == 2, Timeout, "both skipped");

        var warnings = logs.Entries.Where(e => e.Level == LogLevel.Warning).Select(e => e.Message).ToList();
        Assert.Contains(warnings, m => m.StartsWith(
            "LeaderWorkerSet llm/vllm is skipped: the controller may not get leaderworkersets.leaderworkerset.x-k8s.io/scale (403: leaderworkersets.leaderworkerset.x-k8s.io \"vllm\" is forbidden", StringComparison.Ordinal));
        Assert.Contains(warnings, m => m ==
            "InferenceService.serving.kserve.io llm/isvc is skipped: the API server does not serve serving.kserve.io/v1beta1 (API discovery: 404; is its CRD installed?)");
        Assert.Equal(1, warnings.Count(m => m.StartsWith("LeaderWorkerSet llm/vllm is skipped", StringComparison.Ordinal))); // once, not every round
        Assert.Empty(Placeholders(h, "vllm"));
        Assert.Null(Hpa(h).Spec.Behavior?.ScaleDown);
        Assert.True(app.Parts.Metrics.ScaleTargetReads.WithLabels(ScaleTargetOutcome.Forbidden).Value >= 1);
        Assert.True(app.Parts.Metrics.ScaleTargetReads.WithLabels(ScaleTargetOutcome.UnknownKind).Value >= 1);
    }

    [Fact]
    public async Task Placeholders_of_a_target_that_turns_unreadable_are_held_until_it_is_unconfigured()
    {
        var forbidden = new StrongBox<bool>();
        var options = new KubeApiTestServerOptions
        {
            EnforceAuthorization = true,
            AuthorizationPolicy = spec => !(Volatile.Read(ref forbidden.Value) && spec.ResourceAttributes is { Resource: "leaderworkersets", Subresource: "scale" }),
        };
        await using var h = await ControllerHarness.StartAsync(Config, options);
        SeedLeaderWorkerSet(h.Server);
        h.ScriptColdStarts();
        using var logs = new LogCapture();
        var app = await h.StartControllerAsync("pod-a", o => o with { LeaderElect = false }, logs.Factory);
        await Eventually.TrueAsync(() => Placeholders(h, "vllm").Count == 1 && Placeholders(h, "qwen").Count == 1, Timeout, "one placeholder each");

        // Someone tightens the controller's RBAC: /scale answers 403. The target is unreadable, not gone.
        Volatile.Write(ref forbidden.Value, true);
        await Eventually.TrueAsync(() => app.Parts.Watch.ScaleTargetProblems.ContainsKey(VllmRef), Timeout, "the 403 is seen");
        var rounds = app.Parts.Loop.Rounds;
        await Eventually.TrueAsync(() => app.Parts.Loop.Rounds > rounds + 3, Timeout, "rounds go on");

        Assert.Equal(["vllm-warm-0"], Placeholders(h, "vllm").Select(p => p.Metadata.Name));
        Assert.DoesNotContain(h.Writes(), r => r.Verb == "delete" && r.Resource == "pods");
        Assert.Contains(logs.Entries, e => e.Level == LogLevel.Warning && e.Message.StartsWith("LeaderWorkerSet llm/vllm is skipped: the controller may not get", StringComparison.Ordinal));
        Assert.Equal(1, app.Parts.Metrics.WarmPool.WithLabels("llm/vllm", "kept_or_created").Value);

        // Removed from the config: now it goes, and the log says why.
        h.Server.Upsert(Seed.ConfigMap(Config[..Config.IndexOf("  - namespace: llm\n    name: vllm", StringComparison.Ordinal)]));
        await Eventually.TrueAsync(() => Placeholders(h, "vllm").Count == 0, Timeout, "collected once unconfigured");

        // Act logs "Applied" after the API answers, so the server can show the delete before the line is written.
        await Eventually.TrueAsync(
            () => logs.Entries.Any(e => e.Message == "Applied: delete placeholder llm/vllm-warm-0: LeaderWorkerSet llm/vllm is no longer configured"), Timeout, "the delete logged with why");
        Assert.DoesNotContain(logs.Entries, e => e.Message.Contains("no longer exists", StringComparison.Ordinal));
        Assert.Single(Placeholders(h, "qwen"));
    }

    /// <summary>
    /// The LeaderWorkerSet CRD, a LeaderWorkerSet "vllm" with its HPA, two leader pods that went Ready (150 s, 90 s)
    /// and two worker pods its /scale selector does not select: one Ready after 900 s, one still loading.
    /// </summary>
    internal static void SeedLeaderWorkerSet(KubeApiTestServer server)
    {
        CustomResources.AddLeaderWorkerSetCrd(server);
        CustomResources.LeaderWorkerSet(server, "llm", "vllm", replicas: 2);
        server.Upsert(CustomResources.Hpa("llm", "vllm", "leaderworkerset.x-k8s.io/v1", "LeaderWorkerSet"));
        CustomResources.Pod(server, "llm", "vllm-0", CustomResources.LeaderLabels("vllm", 0), "8", scheduled: 10, started: 40, ready: 150);
        CustomResources.Pod(server, "llm", "vllm-1", CustomResources.LeaderLabels("vllm", 1), "8", scheduled: 5, started: 30, ready: 90);
        var worker = CustomResources.LeaderLabels("vllm", 0);
        worker["leaderworkerset.sigs.k8s.io/worker-index"] = "1";
        CustomResources.Pod(server, "llm", "vllm-0-1", worker, "8", scheduled: 10, started: 40, ready: 900);
        var loadingWorker = CustomResources.LeaderLabels("vllm", 1);
        loadingWorker["leaderworkerset.sigs.k8s.io/worker-index"] = "1";
        CustomResources.Pod(server, "llm", "vllm-1-1", loadingWorker, "8", scheduled: 10);
    }

    private static V2HorizontalPodAutoscaler Hpa(ControllerHarness h) => h.Server.Get<V2HorizontalPodAutoscaler>("llm", "vllm")!;

    private static List<V1Pod> Placeholders(ControllerHarness h, string workload) =>
        [.. h.Placeholders().Where(p => p.Metadata.Labels["autoscale.dev/workload"] == workload)];
}
