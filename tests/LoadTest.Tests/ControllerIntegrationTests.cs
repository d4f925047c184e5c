using Autoscale.LoadTest.Cluster;
using Autoscale.LoadTest.Config;
using Autoscale.LoadTest.Policies;
using Autoscale.LoadTest.Replicas;
using Autoscale.LoadTest.Simulation;
using Autoscale.ScaleController.Config;

namespace Autoscale.LoadTest.Tests;

public sealed class ControllerIntegrationTests
{
    // Fixed cold-start phases so the learnt window is predictable: 60 s node + 60 s init + 100 s pull + 60 s load.
    private static readonly ClusterOptions Fixed = ClusterOptions.Default with
    {
        NodeProvision = Triangular.Fixed(60),
        NodeInit = Triangular.Fixed(60),
        ImagePull = Triangular.Fixed(100),
        ModelLoad = Triangular.Fixed(60),
    };

    [Fact]
    public void Autoscale_policy_runs_the_controllers_own_Decider_every_ten_seconds()
    {
        var policy = (AutoscalePolicy)PolicyFactory.Create("autoscale", SimConfig.Default);
        var decide = policy.Controller.Decide.Method;

        Assert.Equal("Autoscale.ScaleController.Decide.Decider", decide.DeclaringType!.FullName);
        Assert.Equal("Autoscale.ScaleController.Decide", decide.DeclaringType.Assembly.GetName().Name);

        var run = Run(policy, Synthetic.Segments(300, 30, (1, 600)));
        Assert.InRange(policy.Controller.Ticks, (int)(run.EndedAt / 10) - 1, (int)(run.EndedAt / 10) + 1);
        Assert.NotNull(policy.Controller.Last);
    }

    [Theory]
    [InlineData("autoscale", true)]
    [InlineData("cpu-hpa", false)]
    [InlineData("common-recipe", false)]
    [InlineData("keda", false)]
    [InlineData("kpa", false)]
    public void Only_a_policy_with_a_controller_gets_one_hosted(string name, bool hasController)
    {
        var trace = Synthetic.Segments(300, 30, (1, 300));
        var config = SimConfigReader.Read(new StringReader("defaults:\n  warmPool:\n    minimum: 2\nworkloads:\n  - namespace: llm\n    name: vllm\n"), "warm.yaml");
        var policy = PolicyFactory.Create(name, config);

        var run = new Simulator(trace, policy, new SimulationOptions(ClusterOptions.Default, 5), Synthetic.Engines).Run();

        Assert.Equal(hasController, policy.Controller is not null);
        Assert.Equal(hasController, policy.Controller?.Ticks > 0);
        Assert.Equal(hasController, run.Series.Any(p => p.Placeholders > 0)); // only the controller keeps a pool
    }

    [Fact]
    public void Learnt_cold_start_window_appears_in_the_hpa_behavior()
    {
        var policy = (AutoscalePolicy)PolicyFactory.Create("autoscale", SimConfig.Default);
        Assert.Null(policy.Hpa.Spec.Behavior?.ScaleDown?.StabilizationWindowSeconds); // as created: tolerances only

        // A step to 6× one replica's capacity: several replicas cold-start on new nodes.
        var run = Run(policy, Synthetic.Segments(1000, 200, (0.5, 200), (6, 600)), Fixed);

        Assert.NotEmpty(run.ColdStarts);
        Assert.True(policy.Controller.ColdStartSamples > 0);
        Assert.True(policy.Hpa.Annotations.ContainsKey("autoscale.dev/cold-start-history"), "history is persisted on the HPA");
        var window = policy.Hpa.Spec.Behavior?.ScaleDown?.StabilizationWindowSeconds;
        Assert.Equal(policy.Controller.LearntWindowSeconds, window);
        Assert.NotEqual(600, window); // the default applies only without samples

        // 1.5 × p90 cold start, rounded up to 30 s: within [1.5 × fastest, 1.5 × slowest + 30].
        var seconds = run.ColdStarts.Where(c => c.NewNode).Select(c => c.Seconds).ToList();
        Assert.InRange(window!.Value, 1.5 * run.ColdStarts.Min(c => c.Seconds) - 1, (1.5 * run.ColdStarts.Max(c => c.Seconds)) + 31);
        Assert.NotEmpty(seconds);
        Assert.Equal(4, policy.Hpa.Spec.Behavior!.ScaleUp!.Policies![0].Value); // the config's burst policy
    }

    [Fact]
    public void Placeholders_stay_within_the_budget_and_are_preempted_by_replicas()
    {
        var config = SimConfigReader.Read(new StringReader("""
            budget:
              maxGpus: 2
            defaults:
              warmPool:
                minimum: 3
                maxGpus: 8
            workloads:
              - namespace: llm
                name: vllm
            """), "budget.yaml");
        var policy = (AutoscalePolicy)PolicyFactory.Create("autoscale", config);

        var run = Run(policy, Synthetic.Segments(1000, 200, (0.3, 900), (4, 400), (0.3, 900)), Fixed);

        Assert.All(run.Series, p => Assert.InRange(p.Placeholders, 0, 2));
        Assert.Contains(run.Series, p => p.Placeholders == 2);
        Assert.True(run.Preemptions > 0, "replicas took placeholder nodes");
        var firstPreemption = run.Series.First(p => p.At > 900 && p.Placeholders < 2).At;
        Assert.Contains(run.Series, p => p.At > firstPreemption && p.Placeholders == 2); // the pool is refilled
        Assert.Equal((3, 2), policy.Controller.Pool);
    }

    [Fact]
    public void Warm_pool_shortens_the_cold_start_of_preempting_replicas()
    {
        var config = SimConfigReader.Read(new StringReader("defaults:\n  warmPool:\n    minimum: 2\nworkloads:\n  - namespace: llm\n    name: vllm\n"), "warm.yaml");
        var run = Run((AutoscalePolicy)PolicyFactory.Create("autoscale", config), Synthetic.Segments(1000, 200, (0.3, 900), (3, 300)), Fixed);

        // Preempting a placeholder skips the node (120 s) and the image pull (100 s): only the 60 s load remains.
        Assert.Contains(run.ColdStarts, c => !c.NewNode && c.Seconds <= 61);
    }

    [Fact]
    public void A_capacity_buffer_keeps_free_nodes_without_pods_which_replicas_take_without_preemption()
    {
        var config = SimConfigReader.Read(new StringReader("defaults:\n  warmPool:\n    minimum: 2\n    backend: capacityBuffer\nworkloads:\n  - namespace: llm\n    name: vllm\n"), "buffer.yaml");
        var policy = (AutoscalePolicy)PolicyFactory.Create("autoscale", config);

        var run = Run(policy, Synthetic.Segments(1000, 200, (0.3, 900), (3, 300)), Fixed);

        // Two free nodes from t = 0, no placeholder pod ever, nothing preempted.
        Assert.Equal(run.Series[0].Ready + 2, run.Series[0].Nodes);
        Assert.All(run.Series, p => Assert.Equal(0, p.Placeholders));
        Assert.Equal(0, run.Preemptions);

        // The buffer's nodes at t = 0 hold the image (steady state, like the placeholders'): the first two replicas of
        // the step only load (60 s) there, without preempting anything; the third waits for a new node.
        Assert.Equal(2, run.ColdStarts.Count(c => !c.NewNode && c.Seconds <= 61));
        Assert.Contains(run.ColdStarts, c => c.NewNode);
        Assert.Equal(WarmPoolBackend.CapacityBuffer, policy.Controller.Last!.Pools.Single().Backend);
    }

    [Fact]
    public void Shipped_config_is_a_valid_controller_configmap()
    {
        var path = Path.Combine(AppContext.BaseDirectory, "configs", "autoscale-default.yaml");
        var config = SimConfigReader.Read(path);

        Assert.Equal("vllm", new AutoscalePolicy(config.Autoscale, 8).Controller.WorkloadName);
        Assert.Equal(SimConfig.Default.Cluster, config.Cluster);

        // The one config every RESULTS row runs, tuned on the conversation trace only (bench/README.md): a pool of
        // half the ready fleet and three per-pod targets.
        var headroom = SimConfigReader.Read(Path.Combine(AppContext.BaseDirectory, "configs", "autoscale-headroom.yaml"));
        Assert.Equal((5000L, 10_000L, 500L), (headroom.Autoscale.TargetQueueDepthMilli, headroom.Autoscale.TargetRunningMilli, headroom.Autoscale.TargetKvUsageMilli));
        Assert.Contains("Headroom={Fraction=0.5}", new AutoscalePolicy(headroom.Autoscale, 8).Describe()["controller.warmPool"], StringComparison.Ordinal);
        Assert.Equal(OracleSizing.Fluid, SimConfigReader.Read(Path.Combine(AppContext.BaseDirectory, "configs", "oracle-fluid.yaml")).Oracle.Sizing);
        Assert.Equal(0, SimConfigReader.Read(Path.Combine(AppContext.BaseDirectory, "configs", "instant-start.yaml")).Cluster.ImagePull.Max);
    }

    [Fact]
    public void The_run_starts_with_the_controllers_pool_warm()
    {
        var config = SimConfigReader.Read(new StringReader("defaults:\n  warmPool:\n    minimum: 2\nworkloads:\n  - namespace: llm\n    name: vllm\n"), "warm.yaml");
        var run = Run((AutoscalePolicy)PolicyFactory.Create("autoscale", config), Synthetic.Segments(300, 30, (0.2, 120)));

        Assert.Equal(2, run.Series[0].Placeholders);
        Assert.Equal(run.Series[0].Ready + 2, run.Series[0].Nodes); // on ready nodes from t = 0
    }

    [Theory]
    [InlineData("autoscale:\n  controller:\n    workloads:\n      - name: vllm\n", "workloads[0].namespace")]
    [InlineData("autoscale:\n  controller:\n    dryRun: false\n", "lists no workload")]
    [InlineData("defaults:\n  scaleDown:\n    windowFactr: 2\nworkloads: []\n", "windowFactr")]
    public void Invalid_controller_config_names_the_field(string yaml, string message)
    {
        var error = Assert.Throws<ConfigException>(() => SimConfigReader.Read(new StringReader(yaml), "bad.yaml"));

        Assert.Contains(message, error.Message, StringComparison.Ordinal);
    }

    private static RunResult Run(AutoscalePolicy policy, Traces.Trace trace, ClusterOptions? cluster = null) =>
        new Simulator(trace, policy, new SimulationOptions(cluster ?? ClusterOptions.Default, 5), () => new EmulatedReplicaEngine(Synthetic.Profile)).Run();
}
