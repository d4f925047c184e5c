namespace Autoscale.Deploy.Tests;

/// <summary>
/// What each program may do, exactly. The tables below are the agreed needs of the programs; a later
/// test compares them with the calls the programs make in integration tests.
/// </summary>
public sealed class RbacTests
{
    private static readonly string[] Read = ["get", "list", "watch"];
    private static readonly string[] Watch = ["list", "watch"];

    private static readonly string[] PlannerDemand =
    [
        "vllm_arrival_requests_per_second", "vllm_requests_per_second", "vllm_prompt_tokens_per_second", "vllm_generation_tokens_per_second",
        "vllm_running_requests", "vllm_waiting_prompt_tokens", "vllm_kv_cache_usage", "vllm_time_to_first_token_seconds", "vllm_inter_token_latency_seconds", "vllm_mean_prompt_tokens", "vllm_mean_output_tokens", "vllm_stddev_prompt_tokens", "vllm_stddev_output_tokens",
    ];

    internal static HashSet<Grant> AdapterNeeds() =>
    [
        .. Many("*", "", ["pods", "services"], Watch),
        .. Many("*", "autoscaling", ["horizontalpodautoscalers"], Watch),
        .. Many("*", "apps", ["deployments", "statefulsets"], Watch),
        new("*", "authentication.k8s.io", "tokenreviews", "create", null),
        new("*", "authorization.k8s.io", "subjectaccessreviews", "create", null),
        .. Many("kube-system", "", ["configmaps"], Read, "extension-apiserver-authentication"),
    ];

    internal static HashSet<Grant> ControllerNeeds() =>
    [
        .. Many("*", "autoscaling", ["horizontalpodautoscalers"], [.. Watch, "patch"]),
        .. Many("*", "apps", ["deployments", "statefulsets"], Watch),
        .. Many("*", "", ["pods"], [.. Watch, "create", "delete"]),
        .. Many("*", "", ["nodes"], Watch),
        .. Many("*", "", ["events"], ["create"]),

        // The warm pool's CapacityBuffer backend (ScaleController Watch/CapacityBuffers, Act): list ours, apply and
        // delete them and their PodTemplates (server-side apply is a patch, authorized as create when it creates).
        .. Many("*", "autoscaling.x-k8s.io", ["capacitybuffers"], ["list", "create", "patch", "delete"]),
        .. Many("*", "", ["podtemplates"], ["create", "patch", "delete"]),
        new("*", "scheduling.k8s.io", "priorityclasses", "get", "autoscale-placeholder"),
        .. Many("*", "leaderworkerset.x-k8s.io", ["leaderworkersets", "leaderworkersets/scale"], ["get"]),
        .. Many("*", "custom.metrics.k8s.io", ["deployments.apps/vllm_queue_depth", "statefulsets.apps/vllm_queue_depth", "pods/vllm_queue_depth"], ["get"]),

        // The SLO planner's demand, per pod (ScaleController Watch/Demand).
        .. Many("*", "custom.metrics.k8s.io", [.. PlannerDemand.Select(m => $"pods/{m}")], ["get"]),
        new("autoscale", "coordination.k8s.io", "leases", "create", null),
        .. Many("autoscale", "coordination.k8s.io", ["leases"], ["get", "update"], "autoscale-scale-controller"),
        .. Many("autoscale", "", ["configmaps"], Watch, "autoscale-scale-controller-config"),
    ];

    [Theory]
    [InlineData("kustomize:.")]
    [InlineData("helm:")]
    public void Adapter_gets_exactly_what_it_needs(string render) =>
        AssertSameGrants(AdapterNeeds(), Rbac.For(WiringTests.Load(render), "autoscale", "autoscale-metrics-adapter"));

    [Theory]
    [InlineData("kustomize:.")]
    [InlineData("helm:")]
    public void Controller_gets_exactly_what_it_needs(string render) =>
        AssertSameGrants(ControllerNeeds(), Rbac.For(WiringTests.Load(render), "autoscale", "autoscale-scale-controller"));

    [Fact]
    public void Scale_subresources_of_other_crds_can_be_granted()
    {
        var grants = Rbac.For(Render.Helm("controller.scaleTargets[0].apiGroup=argoproj.io,controller.scaleTargets[0].resources={rollouts}"), "autoscale", "autoscale-scale-controller");

        Assert.Equal([new Grant("*", "argoproj.io", "rollouts/scale", "get", null)], grants.Where(g => g.Group == "argoproj.io"));
    }

    [Fact]
    public void Placeholder_pod_rights_can_be_limited_to_namespaces()
    {
        var grants = Rbac.For(Render.Helm("controller.placeholderNamespaces={llm}"), "autoscale", "autoscale-scale-controller");
        Assert.Contains(new Grant("llm", "", "pods", "create", null), grants);
        Assert.DoesNotContain(new Grant("*", "", "pods", "create", null), grants);
    }

    [Fact]
    public void Deployments_use_their_own_service_accounts()
    {
        var objects = Render.Kustomize(".");
        Assert.Equal("autoscale-metrics-adapter",
            (string?)objects.Single(o => o.Key == "Deployment autoscale/autoscale-metrics-adapter")["spec.template.spec.serviceAccountName"]);
        Assert.Equal("autoscale-scale-controller",
            (string?)objects.Single(o => o.Key == "Deployment autoscale/autoscale-scale-controller")["spec.template.spec.serviceAccountName"]);
        Assert.Contains(objects, o => o.Key == "ServiceAccount autoscale/autoscale-metrics-adapter");
        Assert.Contains(objects, o => o.Key == "ServiceAccount autoscale/autoscale-scale-controller");
    }

    [Fact]
    public void Custom_metrics_reader_only_reads_and_aggregates_into_the_default_roles()
    {
        var reader = Render.Kustomize(".").Single(o => o.Key == "ClusterRole /autoscale-custom-metrics-reader");
        Assert.Equal([new Grant("*", "custom.metrics.k8s.io", "*", "get", null)], Rbac.Flatten(reader, "*"));
        foreach (var role in new[] { "view", "edit", "admin" })
        {
            Assert.Equal("true", (string?)reader[$"metadata.labels['rbac.authorization.k8s.io/aggregate-to-{role}']"]);
        }
    }

    [Fact]
    public void No_wildcards_outside_the_metrics_reader()
    {
        foreach (var role in Render.Kustomize(".").Where(o => o.Kind is "ClusterRole" or "Role" && o.Name != "autoscale-custom-metrics-reader"))
        {
            Assert.All(Rbac.Flatten(role, "*"), g =>
                Assert.True(g.Group != "*" && g.Resource != "*" && g.Verb != "*", $"{role.Key}: {g}"));
        }
    }

    private static void AssertSameGrants(HashSet<Grant> expected, IReadOnlySet<Grant> actual)
    {
        var missing = expected.Except(actual).Select(g => g.ToString()).Order().ToList();
        var extra = actual.Except(expected).Select(g => g.ToString()).Order().ToList();
        Assert.True(missing.Count == 0 && extra.Count == 0,
            $"missing: [{string.Join(", ", missing)}]\nextra: [{string.Join(", ", extra)}]");
    }

    private static IEnumerable<Grant> Many(string scope, string apiGroup, string[] resources, string[] verbs, string? name = null) =>
        from r in resources from v in verbs select new Grant(scope, apiGroup, r, v, name);
}
