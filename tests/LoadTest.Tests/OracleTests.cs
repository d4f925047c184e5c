using Autoscale.Hosting.Flags;
using Autoscale.LoadTest.Cli;
using Autoscale.LoadTest.Cluster;
using Autoscale.LoadTest.Config;
using Autoscale.LoadTest.Policies;
using Autoscale.LoadTest.Report;
using Autoscale.LoadTest.Simulation;

namespace Autoscale.LoadTest.Tests;

public sealed class OracleTests
{
    [Fact]
    public void Oracle_never_drops_and_meets_the_slo_at_constant_load_from_a_steady_start()
    {
        // 5 req/s of conversation-sized requests for 40 min: several replicas, no change in demand.
        var trace = Synthetic.Segments(800, 150, (5, 2400));
        var options = Synthetic.Options(5) with { Policies = ["oracle"], SteadyStart = true };

        var summary = SimulationRunner.Run(trace, options, SimConfig.Default, Synthetic.Profile, null).Summary;

        var oracle = Assert.Single(summary.Policies);
        Assert.Equal(0, oracle.Dropped);
        Assert.True(oracle.SloAttainment >= 0.99, $"attainment {oracle.SloAttainment}");
        Assert.True(oracle.PeakReplicas > 1);
    }

    [Fact]
    public void Oracle_asks_for_a_step_one_lead_ahead_of_it()
    {
        var trace = Synthetic.Segments(800, 150, (0.5, 1800), (4, 1200));
        var demand = Synthetic.Demand(trace);
        var oracle = new OraclePolicy(new OracleOptions(), demand, 600);
        var need = demand.Need(30, OracleSizing.Slo); // the step's first minute

        Assert.True(need > 1);
        Assert.True(oracle.Desired(0) < need, "before the lead reaches the step it holds the quiet fleet");
        Assert.True(oracle.Desired(1800 - 600 - 61) < need, "a minute before the lead reaches the step");
        Assert.True(oracle.Desired(1800 - 600) >= need, "the step's first minute enters the lead window");
        Assert.True(oracle.Desired(1800 + 60) >= demand.Need(31, OracleSizing.Slo));
        Assert.Equal(1, oracle.Desired(3000 + 60)); // past the end of the trace
    }

    [Fact]
    public void Cold_start_quantile_spans_the_clusters_delays()
    {
        var cluster = ClusterOptions.Default;
        var min = cluster.NodeProvision.Min + cluster.NodeInit.Min + cluster.ImagePull.Min + cluster.ModelLoad.Min;
        var max = cluster.NodeProvision.Max + cluster.NodeInit.Max + cluster.ImagePull.Max + cluster.ModelLoad.Max;

        var p50 = OracleDemand.ColdStartQuantile(cluster, 0.5);
        var p95 = OracleDemand.ColdStartQuantile(cluster, 0.95);

        Assert.InRange(p50, min, max);
        Assert.InRange(p95, p50 + 1, max);
        Assert.Equal(240, OracleDemand.ColdStartQuantile(cluster with
        {
            NodeProvision = Triangular.Fixed(60), NodeInit = Triangular.Fixed(60), ImagePull = Triangular.Fixed(60), ModelLoad = Triangular.Fixed(60),
        }, 0.95));
    }

    [Fact]
    public void Oracle_is_configured_from_the_yaml_and_refuses_unknown_sizing()
    {
        var config = SimConfigReader.Read(new StringReader("policies:\n  oracle:\n    sizing: fluid\n    utilization: 1.1\n    leadQuantile: 0.5\n"), "o.yaml");

        Assert.Equal(new OracleOptions(1.1, 0.5, 10, OracleSizing.Fluid), config.Oracle);
        var e = Assert.Throws<ConfigException>(() => SimConfigReader.Read(new StringReader("policies:\n  oracle:\n    sizing: psychic\n"), "o.yaml"));
        Assert.Contains("sizing", e.Message, StringComparison.Ordinal);
        Assert.Throws<ArgumentException>(() => PolicyFactory.Create("oracle", SimConfig.Default));
    }

    [Fact]
    public void Steady_start_is_a_cli_choice()
    {
        Assert.True(CliParser.Parse(["simulate", "--trace", "t.csv", "--start", "steady"]).SteadyStart);
        Assert.False(CliParser.Parse(["simulate", "--trace", "t.csv"]).SteadyStart);
        Assert.Throws<FlagException>(() => CliParser.Parse(["simulate", "--trace", "t.csv", "--start", "warm"]));
    }
}
