using Autoscale.ScaleController.Config;
using Autoscale.ScaleController.Decide.Decisions;
using Autoscale.ScaleController.Decide.Observed;
using Autoscale.ScaleController.Decide.WarmPool;
using static Autoscale.ScaleController.Tests.Decide.Fixtures;

namespace Autoscale.ScaleController.Tests.Decide.WarmPool;

public sealed class BufferPlannerTests
{
    private static readonly WorkloadRef Llama = new("llm", "llama");

    private static WorkloadPolicy Pool(int minimum, WarmPoolBackend backend = WarmPoolBackend.CapacityBuffer, int maxGpus = 8) =>
        WithPool(minimum, maxGpus) with { WarmPool = WithPool(minimum, maxGpus).WarmPool with { Backend = backend } };

    private static ObservedCapacityBuffer Buffer(
        WorkloadRef? owner = null, int replicas = 1, string? hash = null, int? provisioned = null, DateTimeOffset? created = null, params BufferCondition[] conditions)
    {
        var w = owner ?? Qwen;
        return new ObservedCapacityBuffer(
            w.Namespace, BufferFactory.Name(w), w, replicas, hash ?? BufferFactory.Hash(Template(), WarmPoolPolicy.Default), 1, null, provisioned,
            conditions, created ?? Now.AddMinutes(-1));
    }

    private static BufferCondition Provisioning(string status = "True") => new(BufferConditions.Provisioning, status, "Provisioning", "");

    private static BufferCondition ReadyFor(string status, string reason = "Resolved", string message = "") => new(BufferConditions.ReadyForProvisioning, status, reason, message);

    private static ObservedPlaceholder Placeholder(WorkloadRef owner, int index, string? node = null, bool running = false) =>
        new(owner.Namespace, PlaceholderFactory.Name(owner, index), owner, TemplateHasher.Hash(Template(), WarmPoolPolicy.Default), 1, node, Running: running);

    private static ObservedCluster Served(IReadOnlyList<ObservedWorkload> workloads, IReadOnlyList<ObservedCapacityBuffer>? buffers = null, IReadOnlyList<ObservedPlaceholder>? placeholders = null, IReadOnlyList<ObservedNode>? nodes = null) =>
        new(workloads, placeholders ?? [], NodeList: nodes, CapacityBuffers: new CapacityBufferApi("v1beta1", buffers ?? []));

    [Fact]
    public void A_buffer_pool_applies_one_buffer_whose_chunk_is_the_placeholder_pod_on_the_pause_image()
    {
        var output = RunDecide(ConfigOf(Workload(policy: Pool(2))), Served([Observed(template: Template(gpus: 2)) with { Uid = "uid-1" }]));

        var spec = Assert.IsType<ApplyCapacityBuffer>(Assert.Single(output.Decisions)).Spec;
        Assert.Equal(("llm", "autoscale-warm-qwen", "autoscaling.x-k8s.io/v1beta1", 2), (spec.Namespace, spec.Name, spec.ApiVersion, spec.Replicas));
        Assert.Equal(("uid-1", Qwen), (spec.OwnerUid, spec.Owner));
        Assert.Equal("2", spec.Annotations[BufferFactory.GpusAnnotation]);
        Assert.Equal("Deployment/qwen", spec.Annotations[PlaceholderLabels.OwnerAnnotation]);
        Assert.Equal("autoscale-scale-controller", spec.Labels["app.kubernetes.io/managed-by"]);
        Assert.Equal("registry.k8s.io/pause:3.10", spec.Chunk.Image);
        Assert.Null(spec.Chunk.Command);
        Assert.Equal("", spec.Chunk.PriorityClassName);
        Assert.DoesNotContain(PlaceholderLabels.Placeholder, spec.Chunk.Labels.Keys);
        Assert.Equal(("2", "NVIDIA-A100-SXM4-80GB", """{"nodeAffinity":{}}"""), (spec.Chunk.Requests["nvidia.com/gpu"], spec.Chunk.NodeSelector["nvidia.com/gpu.product"], spec.Chunk.AffinityJson));
        var pool = Assert.Single(output.Pools);
        Assert.Equal((WarmPoolBackend.CapacityBuffer, 2, 2, 0, 2), (pool.Backend, pool.Wanted, pool.Granted, pool.Kept, pool.Created));
    }

    [Theory]
    [InlineData(2, 2, null)]                                   // unchanged: nothing written
    [InlineData(2, 3, "replicas 2 → 3")]
    [InlineData(3, 1, "replicas 3 → 1")]
    [InlineData(0, 0, null)]                                   // none asked, none there: no empty buffer created
    public void Replicas_follow_the_pool_size_and_are_written_only_on_change(int had, int minimum, string? change)
    {
        var output = RunDecide(ConfigOf(Workload(policy: Pool(minimum))), Served([Observed()], had > 0 ? [Buffer(replicas: had)] : []));

        var applied = output.Decisions.OfType<ApplyCapacityBuffer>().SingleOrDefault();
        Assert.Equal(change, applied?.Reason.Split(';')[0]);
        Assert.Equal(change is null ? 0 : 1, output.Decisions.Count);
        Assert.True(applied is null || applied.Spec.Replicas == minimum);
    }

    [Fact]
    public void A_changed_template_reapplies_the_buffer()
    {
        var output = RunDecide(ConfigOf(Workload(policy: Pool(1))), Served([Observed(template: Template(image: "vllm:new", gpus: 2))], [Buffer(replicas: 1)]));

        Assert.StartsWith("the workload's pod template changed", Assert.IsType<ApplyCapacityBuffer>(Assert.Single(output.Decisions)).Reason, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(8, "3,3")]
    [InlineData(4, "2,2")]
    [InlineData(5, "3,2")]
    public void Buffers_share_the_global_budget_round_robin(int maxGpus, string expected)
    {
        var config = ConfigOf(maxGpus, false, Workload(policy: Pool(3)), Workload(Llama, Pool(3)));

        var output = RunDecide(config, Served([Observed(), Observed(Llama)]));

        Assert.Equal(expected, string.Join(',', output.Decisions.OfType<ApplyCapacityBuffer>().Select(a => a.Spec.Replicas)));
    }

    [Fact]
    public void Placeholders_get_the_budget_the_buffers_left()
    {
        var config = ConfigOf(4, false, Workload(policy: Pool(3)), Workload(Llama, Pool(3, WarmPoolBackend.Placeholders)));

        var output = RunDecide(config, Served([Observed(), Observed(Llama)]));

        Assert.Equal(3, output.Decisions.OfType<ApplyCapacityBuffer>().Single().Spec.Replicas);
        Assert.Single(output.Decisions.OfType<CreatePlaceholder>());
        Assert.Equal([WarmPoolBackend.CapacityBuffer, WarmPoolBackend.Placeholders], output.Pools.Select(p => p.Backend));
    }

    [Theory]
    [InlineData(WarmPoolBackend.Auto, true, "buffer")]
    [InlineData(WarmPoolBackend.Auto, false, "placeholders")]
    [InlineData(WarmPoolBackend.Placeholders, true, "placeholders")]
    [InlineData(WarmPoolBackend.CapacityBuffer, true, "buffer")]
    [InlineData(WarmPoolBackend.CapacityBuffer, false, "none")]
    public void The_backend_resolves_from_config_and_whether_the_API_is_served(WarmPoolBackend backend, bool served, string expected)
    {
        var cluster = served ? Served([Observed()]) : Cluster(Observed());

        var output = RunDecide(ConfigOf(Workload(policy: Pool(1, backend))), cluster);

        var got = output.Decisions.Any(d => d is ApplyCapacityBuffer) ? "buffer" : output.Decisions.Any(d => d is CreatePlaceholder) ? "placeholders" : "none";
        Assert.Equal(expected, got);
    }

    [Fact]
    public void Backend_capacityBuffer_without_the_API_keeps_no_pool_and_says_why()
    {
        var output = RunDecide(ConfigOf(Workload(policy: Pool(2))), new ObservedCluster([Observed()], [Placeholder(Qwen, 0)]));

        Assert.Contains("does not serve autoscaling.x-k8s.io", Assert.IsType<DeletePlaceholder>(Assert.Single(output.Decisions)).Reason, StringComparison.Ordinal);
        var pool = Assert.Single(output.Pools);
        Assert.Equal((WarmPoolBackend.CapacityBuffer, 0), (pool.Backend, pool.Granted));
        Assert.EndsWith("no warm pool", pool.Why, StringComparison.Ordinal);
    }

    [Fact]
    public void Switching_to_a_buffer_keeps_the_placeholders_until_it_provisions()
    {
        var config = ConfigOf(Workload(policy: Pool(2, WarmPoolBackend.Auto)));
        var placeholders = new[] { Placeholder(Qwen, 0, "n1", true), Placeholder(Qwen, 1, "n2", true) };

        // Make: the buffer is created, no placeholder deleted (the placeholder pool is still sized as usual).
        var first = RunDecide(config, Served([Observed()], [], placeholders));
        Assert.Single(first.Decisions.OfType<ApplyCapacityBuffer>());
        Assert.Empty(first.Decisions.OfType<DeletePlaceholder>());

        // Accepted, not provisioning yet: still kept.
        var accepted = RunDecide(config, Served([Observed()], [Buffer(replicas: 2, conditions: ReadyFor("True"))], placeholders));
        Assert.Empty(accepted.Decisions);

        // Break: provisioning, so the placeholders go, saying why.
        var provisioning = RunDecide(config, Served([Observed()], [Buffer(replicas: 2, provisioned: 2, conditions: [ReadyFor("True"), Provisioning()])], placeholders));
        var deletes = provisioning.Decisions.OfType<DeletePlaceholder>().ToList();
        Assert.Equal(2, deletes.Count);
        Assert.All(deletes, d => Assert.Equal("CapacityBuffer autoscale-warm-qwen is provisioning", d.Reason));
        Assert.Equal(2, provisioning.Decisions.Count);
    }

    [Fact]
    public void A_buffer_that_never_provisions_replaces_the_placeholders_after_a_bounded_wait()
    {
        var config = ConfigOf(Workload(policy: Pool(1, WarmPoolBackend.Auto)));
        var placeholders = new[] { Placeholder(Qwen, 0) };

        var early = RunDecide(config, Served([Observed()], [Buffer(created: Now - BufferPlanner.SwitchWait + TimeSpan.FromSeconds(1))], placeholders));
        var late = RunDecide(config, Served([Observed()], [Buffer(created: Now - BufferPlanner.SwitchWait)], placeholders));

        Assert.Empty(early.Decisions);
        Assert.Contains("has not reported provisioning in 10 min", Assert.IsType<DeletePlaceholder>(Assert.Single(late.Decisions)).Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void A_refused_buffer_never_replaces_the_placeholders()
    {
        var config = ConfigOf(Workload(policy: Pool(1, WarmPoolBackend.Auto)));
        var refused = Buffer(created: Now - BufferPlanner.SwitchWait - TimeSpan.FromHours(1), conditions: ReadyFor("False", "InvalidTemplate"));

        var output = RunDecide(config, Served([Observed()], [refused], [Placeholder(Qwen, 0)]));

        Assert.Empty(output.Decisions.OfType<DeletePlaceholder>());
        Assert.Single(output.Decisions.OfType<WarnBufferRefused>());
    }

    [Fact]
    public void When_the_API_goes_away_placeholders_come_back_at_once()
    {
        var output = RunDecide(ConfigOf(Workload(policy: Pool(2, WarmPoolBackend.Auto))), Cluster(Observed()));

        Assert.Equal(2, output.Decisions.OfType<CreatePlaceholder>().Count());
    }

    [Theory]
    [InlineData("gone", "Deployment llm/qwen no longer exists")]
    [InlineData("unconfigured", "Deployment llm/qwen is no longer configured")]
    [InlineData("placeholders", "Deployment llm/qwen's warm pool is placeholders")]
    [InlineData("ownerless", "its owner annotation is missing or unreadable")]
    public void Buffers_of_no_buffer_pool_are_deleted(string situation, string reason)
    {
        var config = situation switch
        {
            "unconfigured" => ConfigOf(),
            "placeholders" => ConfigOf(Workload(policy: Pool(0, WarmPoolBackend.Placeholders))),
            _ => ConfigOf(Workload(policy: Pool(1))),
        };
        var buffer = situation == "ownerless" ? Buffer() with { Owner = null, Name = "autoscale-warm-old" } : Buffer();
        var workloads = situation is "gone" or "unconfigured" ? Array.Empty<ObservedWorkload>() : [Observed()];

        var output = RunDecide(config, Served(workloads, [buffer]));

        var delete = output.Decisions.OfType<DeleteCapacityBuffer>().Single();
        Assert.Equal(("llm", buffer.Name, "autoscaling.x-k8s.io/v1beta1", reason), (delete.Namespace, delete.Name, delete.ApiVersion, delete.Reason));
    }

    [Fact]
    public void A_held_workload_keeps_its_buffer_as_it_is()
    {
        var cluster = new ObservedCluster([], [], [new UnreadableTarget(Qwen, "403")], CapacityBuffers: new CapacityBufferApi("v1", [Buffer(replicas: 3)]));

        var output = RunDecide(ConfigOf(Workload(policy: Pool(1))), cluster);

        Assert.Empty(output.Decisions);
        Assert.Contains("held as it is", Assert.Single(output.Pools).Why, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(null, null, "not accepted by any autoscaler yet")]
    [InlineData("False", null, "refused by the autoscaler (InvalidTemplate: no such PodTemplate)")]
    [InlineData("True", null, "accepted, not provisioning yet")]
    [InlineData("True", "True", "provisioning 1 of 2")]
    [InlineData("True", "False", "accepted, not provisioning (Provisioning)")]
    public void Status_conditions_say_why_the_pool_is_warming(string? ready, string? provisioning, string expected)
    {
        var conditions = new List<BufferCondition>();
        if (ready is not null)
        {
            conditions.Add(ready == "False" ? ReadyFor(ready, "InvalidTemplate", "no such PodTemplate") : ReadyFor(ready));
        }

        if (provisioning is not null)
        {
            conditions.Add(Provisioning(provisioning));
        }

        Assert.StartsWith(expected, BufferConditions.Describe(Buffer(replicas: 2, provisioned: 1, conditions: [.. conditions])), StringComparison.Ordinal);
    }

    [Fact]
    public void A_refused_buffer_gets_a_Warning_event_every_round_it_lasts()
    {
        var refused = Buffer(conditions: [ReadyFor("False", "InvalidTemplate", "no such PodTemplate")]) with { Uid = "uid-b" };

        var output = RunDecide(ConfigOf(Workload(policy: Pool(1))), Served([Observed()], [refused]));

        var warn = Assert.IsType<WarnBufferRefused>(Assert.Single(output.Decisions));
        Assert.Equal(("llm", "autoscale-warm-qwen", "autoscaling.x-k8s.io/v1beta1", "uid-b"), (warn.Namespace, warn.Name, warn.ApiVersion, warn.Uid));
        Assert.Equal((Autoscale.Hpa.KubernetesEventType.Warning, "CapacityBufferRefused"), (warn.Event.Type, warn.Event.Reason));
        Assert.Contains("(InvalidTemplate: no such PodTemplate)", warn.Event.Message, StringComparison.Ordinal);
        Assert.Empty(RunDecide(ConfigOf(Workload(policy: Pool(1))), Served([Observed()], [Buffer(conditions: ReadyFor("True"))])).Decisions);
    }

    [Fact]
    public void Limited_by_quotas_is_said()
    {
        var buffer = Buffer(conditions: [ReadyFor("True"), new BufferCondition(BufferConditions.LimitedByQuotas, "True", "QuotaExceeded", "gpu quota")]);

        Assert.EndsWith("limited by quotas (QuotaExceeded: gpu quota)", BufferConditions.Describe(buffer), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(2, 8, 2, 2)]   // provisioned and two free GPUs on a Ready node: both warm
    [InlineData(2, 1, 2, 1)]   // one free GPU: one warm, one waiting for a node
    [InlineData(0, 8, 2, 0)]   // the autoscaler provisions none: none counted warm, free GPUs or not
    public void Warm_chunks_are_measured_from_free_GPUs_and_capped_by_what_is_provisioned(int provisioned, int nodeGpus, int asked, int warm)
    {
        var nodes = new[] { new ObservedNode("n1", Now.AddHours(-1), Now.AddHours(-1), nodeGpus), new ObservedNode("n2", Now.AddHours(-1), null, 8) };
        var buffer = Buffer(replicas: asked, provisioned: provisioned, conditions: [ReadyFor("True"), Provisioning()]);

        var output = RunDecide(ConfigOf(Workload(policy: Pool(asked))), Served([Observed()], [buffer], nodes: nodes));

        var warmth = Assert.Single(output.Pools).Warmth!;
        Assert.Equal((warm, asked - warm), (warmth.Warm, warmth.Warming));
    }

    [Fact]
    public void A_GPU_taken_by_a_workload_pod_is_not_warm()
    {
        var nodes = new[] { new ObservedNode("n1", Now.AddHours(-1), Now.AddHours(-1), 1) };
        var pod = new ObservedPod("qwen-a", Now.AddHours(-1), NodeName: "n1");
        var buffer = Buffer(replicas: 1, provisioned: 1, conditions: [ReadyFor("True"), Provisioning()]);

        var output = RunDecide(ConfigOf(Workload(policy: Pool(1))), Served([Observed(pods: [pod])], [buffer], nodes: nodes));

        Assert.Equal(0, Assert.Single(output.Pools).Warmth!.Warm);
    }
}
