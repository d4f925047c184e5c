using System.Text.Json;
using Autoscale.ScaleController.Tests.Kube;
using Autoscale.ScaleController.Tests.Watch.Demand;
using Autoscale.ScaleController.Watch.CustomMetrics;
using k8s.Models;

namespace Autoscale.ScaleController.Tests.Controller;

/// <summary>
/// The planner end to end through the real loop: the adapter (as the custom.metrics.k8s.io APIService backend of the
/// Kubernetes API test server) serves demand for the workload's pods → Watch reads it → the planner decides → Act
/// annotates the HPA and records an Event; when demand stops being served, the planner publishes nothing and says so.
/// </summary>
public sealed class PlannerTests
{
    /// <summary>Turns the planner on for the harness workload (appended to its entry), with a small seed profile.</summary>
    public const string PlannerSection = "\n    planner:\n      enabled: true\n      profile: {prefillSecondsPerToken: 0.0001, decodeStepBaseSeconds: 0.01, "
        + "decodeStepPerSequenceSeconds: 0.0002, kvCacheTokens: 100000, maxSequences: 256}";

    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(15);

    [Fact]
    public async Task Demand_served_for_the_pods_is_published_on_the_hpa_with_an_event_and_withdrawn_when_it_stops()
    {
        await using var h = await ControllerHarness.StartAsync(ControllerHarness.Config + PlannerSection);
        var adapter = DemandFeedTests.Seeded(h.Server);
        adapter.Timestamp = null; // the real clock: the planner refuses demand older than maxInputAgeSeconds
        var app = await h.StartControllerAsync("pod-a");

        await Eventually.TrueAsync(() => Annotation(h, "autoscale.dev/desired-replicas") is not null, Timeout, "desired replicas published");
        using var desired = JsonDocument.Parse(Annotation(h, "autoscale.dev/desired-replicas")!);
        var replicas = desired.RootElement.GetProperty("replicas").GetInt32();
        Assert.InRange(replicas, 1, 10);
        Assert.Contains("demand 5 req/s", desired.RootElement.GetProperty("reason").GetString(), StringComparison.Ordinal);
        using (var status = JsonDocument.Parse(Annotation(h, "autoscale.dev/planner-status")!))
        {
            Assert.Equal(replicas, status.RootElement.GetProperty("replicas").GetInt32());
            Assert.True(status.RootElement.GetProperty("capacityPerReplica").GetDouble() > 0);
            Assert.Equal(500, status.RootElement.GetProperty("meanPromptTokens").GetDouble());
        }

        Assert.NotNull(Annotation(h, "autoscale.dev/planner-state"));
        Assert.Equal(replicas, app.Parts.Metrics.PlannerReplicas.WithLabels("llm/qwen").Value);
        var evt = await EventAsync(h, "DesiredReplicas");
        Assert.Equal(("Normal", "HorizontalPodAutoscaler", "qwen"), (evt.Type, evt.InvolvedObject.Kind, evt.InvolvedObject.Name));
        foreach (var part in new[] { "none → ", "demand 5 req/s", "forecast", "capacity ", " req/s per replica", "2 ready, 0 starting", $": {replicas} replicas" })
        {
            Assert.Contains(part, evt.Message, StringComparison.Ordinal);
        }

        // A merge patch of annotations only: the behavior keeps its owner, nothing else on the HPA moves.
        Assert.Contains(h.Writes("pod-a"), r => r.Resource == "horizontalpodautoscalers" && r.ContentType!.StartsWith("application/merge-patch+json", StringComparison.Ordinal));

        // The adapter goes away: no demand, so no number (the annotation is left to go stale) and a Warning says why.
        h.Server.RemoveApiService("custom.metrics.k8s.io", "v1beta2");
        await Eventually.TrueAsync(() => Annotation(h, "autoscale.dev/planner-status") is { } s && s.Contains("\"replicas\":null", StringComparison.Ordinal), Timeout, "status withdrawn");
        var warning = await EventAsync(h, "DesiredReplicasNotServed");
        Assert.Equal("Warning", warning.Type);
        Assert.Contains("no demand observation", warning.Message, StringComparison.Ordinal);
        Assert.True(app.Parts.Metrics.MetricReads.WithLabels(MetricReadOutcome.NotFound).Value > 0);
        await Eventually.TrueAsync(() => !app.Parts.Metrics.PlannerReplicas.GetAllLabelValues().Any(), Timeout, "gauge removed");
        using var stale = JsonDocument.Parse(Annotation(h, "autoscale.dev/desired-replicas")!);
        Assert.Equal(replicas, stale.RootElement.GetProperty("replicas").GetInt32());
    }

    private static string? Annotation(ControllerHarness h, string key) =>
        h.Hpa().Metadata.Annotations is { } annotations && annotations.TryGetValue(key, out var value) ? value : null;

    private static async Task<Corev1Event> EventAsync(ControllerHarness h, string reason)
    {
        await Eventually.TrueAsync(() => h.Server.List<Corev1Event>("llm").Any(e => e.Reason == reason), Timeout, $"{reason} event");
        return h.Server.List<Corev1Event>("llm").First(e => e.Reason == reason);
    }
}
