using Autoscale.ScaleController.Tests.Kube;
using k8s.Models;

namespace Autoscale.ScaleController.Tests.Controller;

public sealed class LearnAndActTests
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(10);

    [Fact]
    public async Task Learns_cold_starts_from_pod_lifecycles_and_sets_the_hpa_behavior_history_event_and_warm_pool()
    {
        await using var h = await ControllerHarness.StartAsync();
        h.ScriptColdStarts();
        var app = await h.StartControllerAsync("pod-a");

        await Eventually.TrueAsync(() => h.Hpa().Spec.Behavior?.ScaleDown?.StabilizationWindowSeconds == 240, Timeout, "window = 1.5 × p90 150 s, rounded up to 30 s");
        await Eventually.TrueAsync(() => h.Hpa().Metadata.Annotations.ContainsKey("autoscale.dev/cold-start-history"), Timeout, "history persisted");
        await Eventually.TrueAsync(() => h.Placeholders().Count == 1, Timeout, "one placeholder");

        var hpa = h.Hpa();
        Assert.Equal(2, hpa.Spec.Behavior.ScaleUp.Policies.Single().Value);
        Assert.Contains(hpa.Metadata.ManagedFields, m => m.Manager == "autoscale-scale-controller" && m.Operation == "Apply");
        var apply = h.Writes("pod-a").First(r => r.Resource == "horizontalpodautoscalers" && r.ContentType!.StartsWith("application/apply-patch", StringComparison.Ordinal));
        Assert.Contains("fieldManager=autoscale-scale-controller", apply.Query, StringComparison.Ordinal);
        var evt = h.Server.List<Corev1Event>("llm").First(e => e.Reason == "BehaviorUpdated");
        Assert.Equal(("HorizontalPodAutoscaler", "qwen"), (evt.InvolvedObject.Kind, evt.InvolvedObject.Name));
        Assert.Contains("240s", evt.Message, StringComparison.Ordinal);
        Assert.Contains("left pinned: scaleUp.policies", evt.Message, StringComparison.Ordinal);
        var placeholder = h.Placeholders().Single();
        Assert.Equal(("qwen-warm-0", "autoscale-placeholder"), (placeholder.Metadata.Name, placeholder.Spec.PriorityClassName));
        Assert.Equal(150, app.Parts.Metrics.ColdStartSeconds.WithLabels("llm/qwen", "total").Value);
        Assert.Equal(240, app.Parts.Metrics.ScaleDownWindowSeconds.WithLabels("llm/qwen").Value);

        // A slower cold start moves the percentile: the window follows.
        Seed.Pod(h.Server, "llm", "qwen-c", "qwen", scheduled: 20, started: 100, ready: 400);
        await Eventually.TrueAsync(() => h.Hpa().Spec.Behavior.ScaleDown.StabilizationWindowSeconds == 600, Timeout, "window = 1.5 × 400 s");

        // Warm pool minimum 0: the placeholder goes, deleted with grace period 0.
        h.Server.Upsert(Seed.ConfigMap(ControllerHarness.Config.Replace("minimum: 1", "minimum: 0", StringComparison.Ordinal)));
        await Eventually.TrueAsync(() => h.Placeholders().Count == 0, Timeout, "placeholder removed");
        Assert.Contains(h.Writes("pod-a"), r => r.Verb == "delete" && r.Resource == "pods" && r.Query.Contains("gracePeriodSeconds=0", StringComparison.Ordinal));
        Assert.Equal(1, app.Parts.Metrics.Leader.Value);
    }

    [Fact]
    public async Task Dry_run_decides_but_writes_nothing()
    {
        await using var h = await ControllerHarness.StartAsync();
        h.ScriptColdStarts();
        var app = await h.StartControllerAsync("pod-a", o => o with { DryRun = true, LeaderElect = false });

        await Eventually.TrueAsync(() => app.Parts.Loop.Rounds >= 3, Timeout, "three rounds");
        h.Server.Upsert(Seed.ConfigMap("budget: {maxGpus: lots}\nworkloads: []"));
        await Eventually.TrueAsync(() => app.Parts.Metrics.ConfigValid.Value == 0, Timeout, "the bad edit is refused");
        var rounds = app.Parts.Loop.Rounds;
        await Eventually.TrueAsync(() => app.Parts.Loop.Rounds > rounds + 2, Timeout, "rounds after the refusal");

        Assert.Empty(h.Writes()); // not even the InvalidConfig Event
        Assert.Null(h.Hpa().Spec.Behavior.ScaleDown);
        Assert.Empty(h.Placeholders());
        Assert.True(app.Parts.Metrics.Decisions.WithLabels("set_behavior", "dryrun").Value >= 1);
        Assert.Equal(150, app.Parts.Metrics.ColdStartSeconds.WithLabels("llm/qwen", "total").Value);
    }

    [Fact]
    public async Task A_restarted_controller_remembers_cold_starts_from_the_hpa_annotation()
    {
        await using var h = await ControllerHarness.StartAsync();
        h.ScriptColdStarts();
        var first = await h.StartControllerAsync("pod-a", o => o with { LeaderElect = false });
        await Eventually.TrueAsync(() => h.Hpa().Metadata.Annotations?.ContainsKey("autoscale.dev/cold-start-history") == true, Timeout, "history persisted");
        await first.StopAsync();
        h.Server.Delete<V1Pod>("llm", "qwen-a");
        h.Server.Delete<V1Pod>("llm", "qwen-b");
        var patches = h.Writes().Count(r => r.Resource == "horizontalpodautoscalers");

        var second = await h.StartControllerAsync("pod-b", o => o with { LeaderElect = false });
        await Eventually.TrueAsync(() => second.Parts.Loop.Rounds >= 3, Timeout, "three rounds");

        Assert.Equal(240, h.Hpa().Spec.Behavior.ScaleDown.StabilizationWindowSeconds);
        Assert.Equal(patches, h.Writes().Count(r => r.Resource == "horizontalpodautoscalers"));
        Assert.Equal(2, second.Parts.Metrics.ColdStartSamples.WithLabels("llm/qwen").Value);
    }
}
