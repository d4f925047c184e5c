using Autoscale.ScaleController.Config;
using Autoscale.ScaleController.Decide.Decisions;
using Autoscale.ScaleController.Decide.Observed;
using Autoscale.ScaleController.Decide.WarmPool;
using static Autoscale.ScaleController.Tests.Decide.Fixtures;

namespace Autoscale.ScaleController.Tests.Decide.WarmPool;

public sealed class PlaceholderPlannerTests
{
    private static readonly WorkloadRef Llama = new("llm", "llama");

    [Fact]
    public void Placeholders_copy_the_template_under_labels_of_their_own()
    {
        var (decisions, _) = Plan(ConfigOf(Workload(policy: WithPool(1))), Observed(template: Template(gpus: 2)));

        var spec = Assert.IsType<CreatePlaceholder>(Assert.Single(decisions)).Spec;
        Assert.Equal(("llm", "qwen-warm-0"), (spec.Namespace, spec.Name));
        Assert.Equal("autoscale-placeholder", spec.PriorityClassName);
        Assert.Equal(-10, PlaceholderLabels.PriorityClassValue);
        Assert.Equal("true", spec.Labels["autoscale.dev/placeholder"]);
        Assert.Equal("qwen", spec.Labels["autoscale.dev/workload"]);
        Assert.DoesNotContain("app", spec.Labels.Keys);
        Assert.Equal("Deployment/qwen", spec.Annotations[PlaceholderLabels.OwnerAnnotation]);
        Assert.Equal(Qwen, PlaceholderLabels.ParseOwner("llm", spec.Annotations[PlaceholderLabels.OwnerAnnotation]));
        Assert.Equal("vllm/vllm-openai:v0.10.0", spec.Image);
        Assert.Equal(["sleep", "infinity"], spec.Command);
        Assert.Equal("2", spec.Requests["nvidia.com/gpu"]);
        Assert.Equal(2, spec.Gpus);
        Assert.Equal("NVIDIA-A100-SXM4-80GB", spec.NodeSelector["nvidia.com/gpu.product"]);
        Assert.Equal("nvidia.com/gpu", Assert.Single(spec.Tolerations).Key);
        Assert.Equal("""{"nodeAffinity":{}}""", spec.AffinityJson);
    }

    [Fact]
    public void Without_pre_pull_placeholders_run_the_pause_image()
    {
        var policy = WithPool(1) with { WarmPool = WithPool(1).WarmPool with { PrePullImage = false } };

        var (decisions, _) = Plan(ConfigOf(Workload(policy: policy)), Observed());

        var spec = Assert.IsType<CreatePlaceholder>(Assert.Single(decisions)).Spec;
        Assert.Equal("registry.k8s.io/pause:3.10", spec.Image);
        Assert.Null(spec.Command);
    }

    [Theory]
    [InlineData(8, 3, 3, "3,3")]     // enough budget
    [InlineData(4, 3, 3, "2,2")]     // global budget shared round-robin
    [InlineData(5, 3, 3, "3,2")]     // the odd GPU goes to the first workload in config order
    [InlineData(1, 3, 3, "1,0")]
    [InlineData(0, 3, 3, "0,0")]     // budget exhausted
    [InlineData(8, 5, 1, "5,1")]
    public void Global_budget_caps_all_pools(int maxGpus, int wantQwen, int wantLlama, string expected)
    {
        var config = ConfigOf(maxGpus, false, Workload(policy: WithPool(wantQwen)), Workload(Llama, WithPool(wantLlama)));

        var (_, pools) = Plan(config, Observed(), Observed(Llama));

        Assert.Equal(expected, string.Join(",", pools.Select(p => p.Granted)));
        Assert.All(pools, p => Assert.Equal(p.Granted, p.Created));
    }

    [Fact]
    public void Existing_placeholders_hold_budget_so_no_creation_exceeds_it()
    {
        var config = ConfigOf(2, false, Workload(policy: WithPool(2)), Workload(Llama, WithPool(2)));
        ObservedPlaceholder[] existing = [Placeholder("qwen-warm-0"), Placeholder("qwen-warm-1"), Placeholder("llama-warm-0", Llama) with { Terminating = true }];

        var (decisions, pools) = Plan(config, existing, Observed(), Observed(Llama));

        Assert.Contains(decisions, d => d.ToString() == "delete placeholder llm/qwen-warm-1: pool shrinks to 1 (wanted 2: minimum 2, schedule none active, predictive +0, workload cap 8 (8 GPUs / 1))");
        Assert.DoesNotContain(decisions, d => d is CreatePlaceholder); // 2 held + 1 terminating ≥ budget 2
        Assert.Equal([1, 1], pools.Select(p => p.Granted));
    }

    [Fact]
    public void Per_workload_budget_exhausted()
    {
        var (decisions, pools) = Plan(ConfigOf(Workload(policy: WithPool(5, maxGpus: 3))), Observed(template: Template(gpus: 2)));

        Assert.Single(decisions);
        Assert.Equal(1, pools[0].Wanted); // 5 wanted, 3 GPUs / 2 per placeholder allow 1
        Assert.Equal(1, pools[0].Granted);
    }

    [Fact]
    public void Shrinking_deletes_unscheduled_placeholders_first_then_the_highest_names()
    {
        ObservedPlaceholder[] existing =
        [
            Placeholder("qwen-warm-0", node: "gpu-a"), Placeholder("qwen-warm-1"),
            Placeholder("qwen-warm-2", node: "gpu-b"), Placeholder("qwen-warm-10", node: "gpu-c"),
        ];

        var (decisions, _) = Plan(ConfigOf(Workload(policy: WithPool(2))), existing, Observed());

        Assert.Equal(["qwen-warm-1", "qwen-warm-10"], decisions.OfType<DeletePlaceholder>().Select(d => d.Name).Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Growing_fills_the_lowest_free_names_and_template_changes_replace_placeholders()
    {
        ObservedPlaceholder[] existing = [Placeholder("qwen-warm-1"), Placeholder("qwen-warm-0") with { TemplateHash = "old" }];

        var (decisions, _) = Plan(ConfigOf(Workload(policy: WithPool(3))), existing, Observed());

        Assert.Equal(
        [
            "delete placeholder llm/qwen-warm-0: the workload's pod template changed",
            "create placeholder llm/qwen-warm-2 (1 GPU): pool grows to 3 (wanted 3: minimum 3, schedule none active, predictive +0, workload cap 8 (8 GPUs / 1))",
            "create placeholder llm/qwen-warm-3 (1 GPU): pool grows to 3 (wanted 3: minimum 3, schedule none active, predictive +0, workload cap 8 (8 GPUs / 1))",
        ], decisions.Select(d => d.ToString()));
    }

    [Fact]
    public void Garbage_collects_placeholders_of_deleted_unconfigured_or_unknown_owners()
    {
        ObservedPlaceholder[] existing =
        [
            Placeholder("llama-warm-0", Llama),                                           // configured, workload deleted
            Placeholder("old-warm-0", new WorkloadRef("llm", "old")),                      // no longer configured
            Placeholder("mystery") with { Owner = null },                                  // unreadable owner
            Placeholder("going", new WorkloadRef("llm", "old")) with { Terminating = true }, // already going
        ];
        var config = ConfigOf(Workload(policy: WithPool(0)), Workload(Llama, WithPool(1)));

        var (decisions, _) = Plan(config, existing, Observed());

        Assert.Equal(
        [
            "delete placeholder llm/llama-warm-0: Deployment llm/llama no longer exists",
            "delete placeholder llm/mystery: its owner annotation is missing or unreadable",
            "delete placeholder llm/old-warm-0: Deployment llm/old is no longer configured",
        ], decisions.Select(d => d.ToString()));
    }

    [Fact]
    public void An_unreadable_target_holds_its_placeholders_as_they_are_and_says_why()
    {
        const string Why = "the controller may not get leaderworkersets.leaderworkerset.x-k8s.io/scale (403: forbidden)";
        var lws = new WorkloadRef("llm", "vllm", WorkloadKind.LeaderWorkerSet);
        var config = ConfigOf(Workload(policy: WithPool(1)), Workload(lws, WithPool(3)));
        ObservedPlaceholder[] existing =
        [
            Placeholder("vllm-warm-0", lws, node: "gpu-1"),
            Placeholder("vllm-warm-1", lws) with { TemplateHash = "older" }, // no template to compare with: kept too
        ];

        var (decisions, pools) = PlaceholderPlanner.Plan(config, new ObservedCluster([Observed()], existing, [new UnreadableTarget(lws, Why)]), Now);

        Assert.Equal(["create placeholder llm/qwen-warm-0 (1 GPU): pool grows to 1 (wanted 1: minimum 1, schedule none active, predictive +0, workload cap 8 (8 GPUs / 1))"],
            decisions.Select(d => d.ToString()));
        var held = pools.Single(p => p.Workload == lws);
        Assert.Equal((2, 2, 2, 0), (held.Wanted, held.Granted, held.Kept, held.Created)); // not grown to its minimum 3 either
        Assert.Equal($"held at 2 while the scale target is unreadable: {Why}; workload cap 8 (8 GPUs / 1)", held.Why);
    }

    [Theory]
    [InlineData(8, 1, "delete placeholder llm/vllm-warm-1: pool shrinks to 1 (wanted 1: held at 2 while the scale target is unreadable: 403; workload cap 1 (1 GPUs / 1))")]
    [InlineData(2, 8, "delete placeholder llm/vllm-warm-1: pool shrinks to 1 (wanted 2: held at 2 while the scale target is unreadable: 403; workload cap 8 (8 GPUs / 1))")]
    public void A_held_pool_still_obeys_its_workload_cap_and_the_budget(int budget, int workloadGpus, string expected)
    {
        var lws = new WorkloadRef("llm", "vllm", WorkloadKind.LeaderWorkerSet);
        var config = ConfigOf(budget, false, Workload(policy: WithPool(1)), Workload(lws, WithPool(0, workloadGpus)));
        ObservedPlaceholder[] existing = [Placeholder("qwen-warm-0"), Placeholder("vllm-warm-0", lws, node: "gpu-1"), Placeholder("vllm-warm-1", lws, node: "gpu-2")];

        var (decisions, _) = PlaceholderPlanner.Plan(config, new ObservedCluster([Observed()], existing, [new UnreadableTarget(lws, "403")]), Now);

        Assert.Equal([expected], decisions.Select(d => d.ToString()));
    }

    [Fact]
    public void An_unreadable_target_no_longer_configured_is_collected_as_such()
    {
        var lws = new WorkloadRef("llm", "vllm", WorkloadKind.LeaderWorkerSet);

        var (decisions, pools) = PlaceholderPlanner.Plan(
            ConfigOf(Workload(policy: WithPool(0))), new ObservedCluster([Observed()], [Placeholder("vllm-warm-0", lws)], [new UnreadableTarget(lws, "403")]), Now);

        Assert.Equal(["delete placeholder llm/vllm-warm-0: LeaderWorkerSet llm/vllm is no longer configured"], decisions.Select(d => d.ToString()));
        Assert.Single(pools);
    }

    [Fact]
    public void Placeholders_never_outlive_a_deleted_config()
    {
        var (decisions, pools) = Plan(ControllerConfig.Empty, [Placeholder("qwen-warm-0"), Placeholder("qwen-warm-1")], Observed());

        Assert.Equal(2, decisions.OfType<DeletePlaceholder>().Count());
        Assert.Empty(pools);
    }

    [Fact]
    public void A_workload_without_gpus_gets_no_placeholders()
    {
        var template = Template() with { Requests = new Dictionary<string, string> { ["cpu"] = "2" } };

        var (decisions, pools) = Plan(ConfigOf(Workload(policy: WithPool(2))), Observed(template: template));

        Assert.Empty(decisions);
        Assert.Equal("the pod template requests no GPU", pools[0].Why);
    }

    internal static ObservedPlaceholder Placeholder(string name, WorkloadRef? owner = null, string? node = null) =>
        new("llm", name, owner ?? Qwen, TemplateHasher.Hash(Template(), WarmPoolPolicy.Default), 1, node);

    private static (IReadOnlyList<Decision>, IReadOnlyList<PoolStatus>) Plan(ControllerConfig config, params ObservedWorkload[] workloads) =>
        Plan(config, [], workloads);

    private static (IReadOnlyList<Decision>, IReadOnlyList<PoolStatus>) Plan(ControllerConfig config, ObservedPlaceholder[] placeholders, params ObservedWorkload[] workloads) =>
        PlaceholderPlanner.Plan(config, new ObservedCluster(workloads, placeholders), Now);
}
