using Autoscale.LoadTest.Cli;
using Autoscale.LoadTest.Cluster;
using Autoscale.LoadTest.Config;
using Autoscale.LoadTest.Policies;
using Autoscale.LoadTest.Simulation;
using Autoscale.LoadTest.Traces;

namespace Autoscale.LoadTest.Tests;

public sealed class BalloonPoolTests
{
    // Fixed cold-start phases: 60 s node + 60 s init + 100 s pull + 60 s load.
    private static readonly ClusterOptions Fixed = ClusterOptions.Default with
    {
        NodeProvision = Triangular.Fixed(60),
        NodeInit = Triangular.Fixed(60),
        ImagePull = Triangular.Fixed(100),
        ModelLoad = Triangular.Fixed(60),
    };

    [Theory]
    [InlineData("minimum: 2", 2, 2)]
    [InlineData("minimum: 0\n    headroom: {fraction: 0.5}", 3, 2)] // ceil(0.5 × 3 ready)
    [InlineData("minimum: 1\n    prePullImage: false", 1, 1)]
    public void Balloons_match_the_pool_autoscale_starts_with(string warmPool, int initial, int expected)
    {
        var config = Config(warmPool);

        var balloons = BalloonPool.LikeAutoscale(config.Autoscale, 16, initial);
        var autoscale = Run("autoscale", config, Synthetic.Segments(300, 30, (0.2, 60)), initial, balloons);
        var kpa = Run("kpa", config, Synthetic.Segments(300, 30, (0.2, 60)), initial, balloons);

        Assert.Equal(expected, balloons.Pods);
        Assert.Equal(!warmPool.Contains("prePullImage: false", StringComparison.Ordinal), balloons.PullsImage);
        Assert.Equal(autoscale.Series[0].Placeholders, kpa.Series[0].Placeholders);
        Assert.Equal(autoscale.Series[0].Nodes, kpa.Series[0].Nodes); // on nodes ready from t = 0
        Assert.Equal((0, expected), (autoscale.BalloonPods, kpa.BalloonPods)); // autoscale keeps its own pool
    }

    [Fact]
    public void Replicas_preempt_balloons_which_are_replaced_and_never_exceed_the_size()
    {
        var config = Config("minimum: 2");
        var trace = Synthetic.Segments(1000, 200, (0.3, 900), (3, 600), (0.3, 1800));

        var run = Run("common-recipe", config, trace, 1, BalloonPool.LikeAutoscale(config.Autoscale, 16, 1));

        Assert.True(run.Preemptions > 0, "replicas took balloon nodes");
        // Preempting a pre-pulled balloon skips the node (120 s) and the image pull (100 s): only the 60 s load remains.
        Assert.Contains(run.ColdStarts, c => !c.NewNode && c.Seconds <= 61);
        // Each preempted balloon is replaced at once (Pending until the CA's node is up): never fewer, never more.
        Assert.All(run.Series, p => Assert.Equal(2, p.Placeholders));
        Assert.Contains(run.Series, p => p.At > 1500 && p.Nodes >= p.Pods + 2);
    }

    [Fact]
    public void Without_the_flag_a_baseline_runs_without_balloons_and_costs_less_at_idle()
    {
        var config = Config("minimum: 2");
        var trace = Synthetic.Segments(300, 30, (0.2, 1200));

        var bare = Run("cpu-hpa", config, trace, 1, null);
        var warm = Run("cpu-hpa", config, trace, 1, BalloonPool.LikeAutoscale(config.Autoscale, 16, 1));

        Assert.All(bare.Series, p => Assert.Equal(0, p.Placeholders));
        Assert.All(warm.Series, p => Assert.Equal(2, p.Placeholders));
        Assert.Equal(bare.NodeGpuSeconds + (2 * warm.EndedAt), warm.NodeGpuSeconds, 6); // two idle GPU nodes billed throughout
    }

    [Fact]
    public void The_flag_reaches_every_policy_in_a_simulate_run()
    {
        var options = CliParser.Parse(["simulate", "--trace", "t.csv", "--warm-pool-all"]);

        Assert.True(options.WarmPoolAll);
        Assert.False(CliParser.Parse(["simulate", "--trace", "t.csv"]).WarmPoolAll);
        Assert.Contains("--warm-pool-all", HelpText.Usage, StringComparison.Ordinal);
    }

    private static SimConfig Config(string warmPool) => SimConfigReader.Read(new StringReader(
        $"budget:\n  maxGpus: 8\ndefaults:\n  warmPool:\n    {warmPool}\n    maxGpus: 8\nworkloads:\n  - namespace: llm\n    name: vllm\n"), "warm.yaml");

    private static RunResult Run(string policy, SimConfig config, Trace trace, int initial, BalloonPool? balloons) =>
        new Simulator(trace, PolicyFactory.Create(policy, config, Synthetic.Demand(trace)),
            new SimulationOptions(Fixed, 5, InitialReplicas: initial, Balloons: balloons), Synthetic.Engines).Run();
}
