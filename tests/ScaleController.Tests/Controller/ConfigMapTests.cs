using Autoscale.ScaleController.Tests.Kube;
using k8s.Models;
using Microsoft.Extensions.Logging;

namespace Autoscale.ScaleController.Tests.Controller;

public sealed class ConfigMapTests
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(10);

    [Theory]
    [InlineData("workloads: [", "yaml")]
    [InlineData("budget:\n  maxGpus: lots\nworkloads: []", "budget.maxGpus")]
    [InlineData("defaults:\n  scaleDown:\n    minWindowSeconds: -30\nworkloads: []", "defaults.scaleDown.minWindowSeconds")]
    public async Task A_bad_edit_is_refused_with_a_warning_event_naming_the_field_and_the_last_good_config_stays(string yaml, string field)
    {
        await using var h = await ControllerHarness.StartAsync();
        var app = await h.StartControllerAsync("pod-a", o => o with { LeaderElect = false });
        await Eventually.TrueAsync(() => h.Placeholders().Count == 1, Timeout, "the good config acts");
        Assert.Equal(1, app.Parts.Metrics.ConfigValid.Value);

        h.Server.Upsert(Seed.ConfigMap(yaml));

        await Eventually.TrueAsync(() => app.Parts.Metrics.ConfigValid.Value == 0, Timeout, "config_valid 0");
        await Eventually.TrueAsync(() => h.Server.List<Corev1Event>("autoscale").Any(e => e.Reason == "InvalidConfig"), Timeout, "a Warning event");
        var evt = h.Server.List<Corev1Event>("autoscale").Single(e => e.Reason == "InvalidConfig");
        Assert.Equal(("Warning", "ConfigMap", "autoscale-scale-controller-config"), (evt.Type, evt.InvolvedObject.Kind, evt.InvolvedObject.Name));
        Assert.Contains(field, evt.Message, StringComparison.OrdinalIgnoreCase);
        Assert.Single(app.Parts.Config.Store.Current.Workloads);
        Assert.False(app.Parts.Readiness().Ready);
        var rounds = app.Parts.Loop.Rounds;
        await Eventually.TrueAsync(() => app.Parts.Loop.Rounds > rounds + 2, Timeout, "rounds go on");
        Assert.Single(h.Placeholders());
        Assert.Single(h.Server.List<Corev1Event>("autoscale"));

        h.Server.Upsert(Seed.ConfigMap(ControllerHarness.Config.Replace("minimum: 1", "minimum: 2", StringComparison.Ordinal)));
        await Eventually.TrueAsync(() => h.Placeholders().Count == 2, Timeout, "the next good edit applies");
        Assert.Equal(1, app.Parts.Metrics.ConfigValid.Value);
        Assert.True(app.Parts.Readiness().Ready);
    }

    [Fact]
    public async Task A_workload_not_in_the_cluster_is_named_in_a_warning_not_refused_and_managed_once_deployed()
    {
        await using var h = await ControllerHarness.StartAsync(ControllerHarness.Config + "\n  - namespace: llm\n    name: qwenn\n    warmPool: {minimum: 1}\n");
        using var logs = new LogCapture();
        var app = await h.StartControllerAsync("pod-a", o => o with { LeaderElect = false }, logs.Factory);
        await Eventually.TrueAsync(() => h.Placeholders().Count == 1, Timeout, "the existing workload acts");
        var rounds = app.Parts.Loop.Rounds;
        await Eventually.TrueAsync(() => app.Parts.Loop.Rounds > rounds + 2, Timeout, "more rounds");

        Assert.Equal(1, app.Parts.Metrics.ConfigValid.Value);
        Assert.Equal(1, logs.Entries.Count(e => e.Level == LogLevel.Warning && e.Message ==
            "Deployment llm/qwenn is managed but not found in the cluster: nothing is tuned for it and its placeholders are collected (a typo, or not deployed yet?)"));

        h.Server.Upsert(Seed.Deployment("llm", "qwenn"));
        await Eventually.TrueAsync(() => h.Placeholders().Any(p => p.Metadata.Name == "qwenn-warm-0"), Timeout, "deployed later: managed");
        await Eventually.TrueAsync(() => logs.Entries.Any(e => e.Message == "Deployment llm/qwenn has no HorizontalPodAutoscaler llm/qwenn: its cold starts are learnt and its warm pool kept, but no behavior is set"), Timeout, "its missing HPA named");
        h.Server.Upsert(Seed.Hpa("llm", "qwenn", "qwenn"));
        await Eventually.TrueAsync(() => logs.Entries.Any(e => e.Message == "Deployment llm/qwenn and its HPA are found"), Timeout, "found");
    }

    [Fact]
    public async Task A_deleted_configmap_manages_nothing_and_annotated_hpas_opt_in_with_the_defaults()
    {
        await using var h = await ControllerHarness.StartAsync();
        h.ScriptColdStarts();
        var app = await h.StartControllerAsync("pod-a", o => o with { LeaderElect = false });
        await Eventually.TrueAsync(() => h.Placeholders().Count == 1, Timeout, "placeholder");

        h.Server.Delete<V1ConfigMap>("autoscale", "autoscale-scale-controller-config");
        await Eventually.TrueAsync(() => h.Placeholders().Count == 0, Timeout, "no config: placeholders removed");

        h.Server.Upsert(Seed.Deployment("llm", "llama"));
        h.Server.Upsert(Seed.Hpa("llm", "llama", "llama", new Dictionary<string, string> { ["autoscale.dev/managed"] = "true" }));
        Seed.Pod(h.Server, "llm", "llama-a", "llama", scheduled: 10, started: 20, ready: 60);
        h.Server.Upsert(Seed.ConfigMap("workloads: []"));
        await Eventually.TrueAsync(() => h.Server.Get<V2HorizontalPodAutoscaler>("llm", "llama")!.Spec.Behavior?.ScaleDown?.StabilizationWindowSeconds == 120, Timeout, "annotated HPA managed: window 1.5 × 60 s, at least 120 s");
        Assert.Equal(240, h.Hpa().Spec.Behavior.ScaleDown.StabilizationWindowSeconds);
        Assert.True(app.Parts.Readiness().Ready);
    }
}
