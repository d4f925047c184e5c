using System.Text.Json.Nodes;
using Autoscale.ScaleController.Hosting;
using Autoscale.ScaleController.Tests.Kube;
using k8s.Models;

namespace Autoscale.ScaleController.Tests.Controller;

/// <summary>
/// The CapacityBuffer backend end to end, with the real client against the Kubernetes API test server serving
/// cluster-autoscaler's CRD (or not): one buffer and PodTemplate per workload, owned by the scale target, replicas
/// following the pool, written only on change, deleted with the workload; status conditions → warm/warming; without
/// the CRD placeholders as before; <c>auto</c> switching make-before-break when the CRD appears.
/// </summary>
public sealed class CapacityBufferTests
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(10);

    private static string Config(string backend = "auto", int minimum = 1) => $"""
        budget:
          maxGpus: 4
        workloads:
          - namespace: llm
            name: qwen
            warmPool:
              minimum: {minimum}
              backend: {backend}
        """;

    private static Task<ControllerApp> StartAsync(ControllerHarness h) =>
        h.StartControllerAsync("pod-a", o => o with { CapacityBufferDiscovery = TimeSpan.FromMilliseconds(200) });

    private static JsonObject? Buffer(ControllerHarness h) => CapacityBuffers.List(h.Server, "llm").SingleOrDefault();

    private static int? Replicas(ControllerHarness h) => Buffer(h)?["spec"]?["replicas"]?.GetValue<int>();

    private static int Writes(ControllerHarness h, string resource) => h.Writes().Count(r => r.Resource == resource);

    private static async Task RoundsAsync(ControllerApp app, int count)
    {
        var from = app.Parts.Loop.Rounds;
        await Eventually.TrueAsync(() => app.Parts.Loop.Rounds >= from + count, Timeout, $"{count} more rounds");
    }

    [Fact]
    public async Task A_workload_gets_one_owned_buffer_whose_replicas_follow_the_pool_and_which_goes_with_it()
    {
        await using var h = await ControllerHarness.StartAsync(Config());
        CapacityBuffers.AddCrd(h.Server);
        var app = await StartAsync(h);

        await Eventually.TrueAsync(() => Replicas(h) == 1, Timeout, "buffer of 1");
        var buffer = Buffer(h)!;
        var deployment = h.Server.Get<V1Deployment>("llm", "qwen")!;
        Assert.Equal("autoscaling.x-k8s.io/v1beta1", buffer["apiVersion"]!.GetValue<string>());
        Assert.Equal("autoscale-warm-qwen", buffer["metadata"]!["name"]!.GetValue<string>());
        Assert.Equal("autoscale-warm-qwen", buffer["spec"]!["podTemplateRef"]!["name"]!.GetValue<string>());
        var owner = buffer["metadata"]!["ownerReferences"]![0]!;
        Assert.Equal(("apps/v1", "Deployment", "qwen", deployment.Metadata.Uid, false),
            (owner["apiVersion"]!.GetValue<string>(), owner["kind"]!.GetValue<string>(), owner["name"]!.GetValue<string>(), owner["uid"]!.GetValue<string>(), owner["blockOwnerDeletion"]!.GetValue<bool>()));
        var template = h.Server.Get<V1PodTemplate>("llm", "autoscale-warm-qwen")!;
        Assert.Equal(deployment.Metadata.Uid, Assert.Single(template.Metadata.OwnerReferences).Uid);
        var container = Assert.Single(template.Template.Spec.Containers);
        Assert.Equal(("registry.k8s.io/pause:3.10", "1"), (container.Image, container.Resources.Requests["nvidia.com/gpu"].ToString()));
        Assert.Null(template.Template.Spec.PriorityClassName);
        Assert.Empty(h.Placeholders());

        // Written only on change: rounds go by, nothing is applied again; then the pool grows and the buffer follows.
        await RoundsAsync(app, 3);
        Assert.Equal((1, 1), (Writes(h, "capacitybuffers"), Writes(h, "podtemplates")));
        h.Server.Upsert(Seed.ConfigMap(Config(minimum: 3)));
        await Eventually.TrueAsync(() => Replicas(h) == 3, Timeout, "buffer of 3");
        await RoundsAsync(app, 3);
        Assert.Equal(2, Writes(h, "capacitybuffers"));

        // The workload leaves the config: its buffer and template are deleted.
        h.Server.Upsert(Seed.ConfigMap("workloads: []"));
        await Eventually.TrueAsync(() => Buffer(h) is null && h.Server.Get<V1PodTemplate>("llm", "autoscale-warm-qwen") is null, Timeout, "buffer and template deleted");
        Assert.Empty(h.Placeholders());
    }

    [Fact]
    public async Task A_buffer_a_previous_run_left_is_collected_even_with_every_pool_on_placeholders()
    {
        await using var h = await ControllerHarness.StartAsync(Config("placeholders"));
        CapacityBuffers.AddCrd(h.Server);
        h.Server.UpsertJson("""
            {"apiVersion":"autoscaling.x-k8s.io/v1beta1","kind":"CapacityBuffer",
             "metadata":{"name":"autoscale-warm-qwen","namespace":"llm","labels":{"app.kubernetes.io/managed-by":"autoscale-scale-controller"},
               "annotations":{"autoscale.dev/owner":"Deployment/qwen","autoscale.dev/chunk-gpus":"1"}},
             "spec":{"podTemplateRef":{"name":"autoscale-warm-qwen"},"replicas":1}}
            """);
        var app = await StartAsync(h);

        await Eventually.TrueAsync(() => Buffer(h) is null && h.Placeholders().Count == 1, Timeout, "buffer collected, placeholder made");
        // One more list shows none of ours left; from then on nothing is asked.
        await RoundsAsync(app, 2);
        var asked = h.Server.Requests.Count(r => r.Resource == "capacitybuffers");
        await RoundsAsync(app, 3);
        Assert.Equal(asked, h.Server.Requests.Count(r => r.Resource == "capacitybuffers"));
    }

    [Fact]
    public async Task Status_conditions_and_free_GPUs_tell_warm_from_warming()
    {
        await using var h = await ControllerHarness.StartAsync(Config("capacityBuffer"));
        CapacityBuffers.AddCrd(h.Server, "v1beta1", "v1");
        var app = await StartAsync(h);
        await Eventually.TrueAsync(() => Buffer(h) is not null, Timeout, "buffer applied");
        Assert.Equal("autoscaling.x-k8s.io/v1", Buffer(h)!["apiVersion"]!.GetValue<string>());
        double Pool(string state) => app.Parts.Metrics.WarmPool.WithLabels("llm/qwen", state).Value;

        // Not accepted by any autoscaler yet, and no node: warming.
        await Eventually.TrueAsync(() => Pool("warming") == 1 && Pool("warm") == 0, Timeout, "warming");

        // Provisioning, and a Ready GPU node with a free GPU: warm.
        h.Server.Upsert(new V1Node
        {
            Metadata = new V1ObjectMeta { Name = "gpu-1" },
            Status = new V1NodeStatus
            {
                Conditions = [new V1NodeCondition { Type = "Ready", Status = "True", LastTransitionTime = TimeProvider.System.GetUtcNow().UtcDateTime }],
                Allocatable = new Dictionary<string, ResourceQuantity> { ["nvidia.com/gpu"] = new("1") },
            },
        });
        CapacityBuffers.Provisioning(h.Server, Buffer(h)!, replicas: 1);
        await Eventually.TrueAsync(() => Pool("warm") == 1 && Pool("warming") == 0, Timeout, "warm");

        // Refused by the autoscaler: never warm, whatever the nodes, and one Warning Event on the buffer (not one a round).
        CapacityBuffers.Provisioning(h.Server, Buffer(h)!, replicas: 1, provisioning: "False", ready: "False");
        await Eventually.TrueAsync(() => Pool("warm") == 0 && Pool("warming") == 1, Timeout, "refused: warming");
        IReadOnlyList<Corev1Event> Refusals() => [.. h.Server.List<Corev1Event>("llm").Where(e => e.Reason == "CapacityBufferRefused")];
        await Eventually.TrueAsync(() => Refusals().Count == 1, Timeout, "refusal event");
        await RoundsAsync(app, 3);
        var refusal = Assert.Single(Refusals());
        Assert.Equal(("CapacityBuffer", "autoscale-warm-qwen", Buffer(h)!["metadata"]!["uid"]!.GetValue<string>(), "Warning"),
            (refusal.InvolvedObject.Kind, refusal.InvolvedObject.Name, refusal.InvolvedObject.Uid, refusal.Type));
    }

    [Fact]
    public async Task Without_the_CRD_auto_keeps_placeholders_and_switches_make_before_break_when_it_appears()
    {
        await using var h = await ControllerHarness.StartAsync(Config());
        var app = await StartAsync(h);
        await Eventually.TrueAsync(() => h.Placeholders().Count == 1, Timeout, "placeholder as before");
        await RoundsAsync(app, 2);
        Assert.DoesNotContain(h.Server.Requests, r => r.Resource is "capacitybuffers" or "podtemplates");
        Assert.Contains(h.Server.Requests, r => !r.IsResourceRequest && r.Path == "/apis/autoscaling.x-k8s.io");

        // The CRD appears: the buffer is made, the placeholder stays until the buffer provisions.
        CapacityBuffers.AddCrd(h.Server);
        await Eventually.TrueAsync(() => Replicas(h) == 1, Timeout, "buffer made");
        await RoundsAsync(app, 3);
        Assert.Single(h.Placeholders());

        CapacityBuffers.Provisioning(h.Server, Buffer(h)!, replicas: 1);
        await Eventually.TrueAsync(() => h.Placeholders().Count == 0, Timeout, "placeholder broken once the buffer provisions");
        await RoundsAsync(app, 3);
        Assert.Empty(h.Placeholders());
        Assert.Equal(1, Replicas(h));
    }
}
