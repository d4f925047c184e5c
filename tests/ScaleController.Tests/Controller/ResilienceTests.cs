using Autoscale.ScaleController.Tests.Kube;
using Autoscale.Testing.KubeApi;

namespace Autoscale.ScaleController.Tests.Controller;

public sealed class ResilienceTests
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(10);

    [Fact]
    public async Task Survives_429_and_5xx_answers_through_backoff()
    {
        await using var h = await ControllerHarness.StartAsync();
        h.ScriptColdStarts();
        h.Server.FailNext(2, InjectedFault.TooManyRequests(1), r => r.Verb == "patch");
        h.Server.FailNext(2, InjectedFault.InternalError, r => r.Verb == "create" && r.Resource == "pods");
        h.Server.FailNext(3, new InjectedFault(503), r => r.Verb == "list");
        var app = await h.StartControllerAsync("pod-a", o => o with { LeaderElect = false });

        await Eventually.TrueAsync(() => h.Hpa().Spec.Behavior?.ScaleDown?.StabilizationWindowSeconds == 240, Timeout, "behavior applied");
        await Eventually.TrueAsync(() => h.Placeholders().Count == 1, Timeout, "placeholder created");

        var requests = h.Server.Requests;
        Assert.Equal(2, requests.Count(r => r.StatusCode == 429));
        Assert.Equal(2, requests.Count(r => r.StatusCode == 500));
        Assert.Equal(3, requests.Count(r => r.StatusCode == 503));
        Assert.Equal(1, requests.Count(r => r.Verb == "create" && r.Resource == "pods" && r.StatusCode == 201));
        Assert.True(app.Parts.Metrics.ApiErrors.WithLabels("429").Value >= 2);
        Assert.True(app.Parts.Metrics.ApiErrors.WithLabels("5xx").Value >= 5);
    }

    [Fact]
    public async Task Keeps_learning_through_dropped_watches_and_410_expired()
    {
        await using var h = await ControllerHarness.StartAsync();
        h.ScriptColdStarts();
        var app = await h.StartControllerAsync("pod-a", o => o with { LeaderElect = false });
        await Eventually.TrueAsync(() => h.Hpa().Spec.Behavior?.ScaleDown?.StabilizationWindowSeconds == 240, Timeout, "first window");

        h.Server.DropWatches();
        Seed.Pod(h.Server, "llm", "qwen-c", "qwen", scheduled: 20, started: 100, ready: 400);
        await Eventually.TrueAsync(() => h.Hpa().Spec.Behavior.ScaleDown.StabilizationWindowSeconds == 600, Timeout, "window after a dropped watch");

        // Changes and a compaction while watches are down: resuming from the old resourceVersion gets 410 Expired,
        // the reflectors relist and see what happened meanwhile (a new pod, a placeholder deleted behind our back).
        h.Server.InjectFaults(r => r.Verb == "watch" ? new InjectedFault(503) : null);
        h.Server.DropWatches();
        Seed.Pod(h.Server, "llm", "qwen-d", "qwen", scheduled: 20, started: 200, ready: 800);
        h.Server.Delete<k8s.Models.V1Pod>("llm", "qwen-warm-0");
        h.Server.Compact();
        var lists = h.Server.Requests.Count(r => r.Verb == "list");
        h.Server.InjectFaults(null);
        await Eventually.TrueAsync(() => h.Hpa().Spec.Behavior.ScaleDown.StabilizationWindowSeconds == 1200, Timeout, "window after 410 and relist");
        await Eventually.TrueAsync(() => h.Placeholders().Count == 1, Timeout, "the deleted placeholder seen gone and replaced");
        Assert.True(h.Server.Requests.Count(r => r.Verb == "list") > lists, "the expired reflectors relisted");
        Assert.Equal(4, app.Parts.Metrics.ColdStartSamples.WithLabels("llm/qwen").Value);
    }
}
