using Autoscale.LoadTest.Cli;
using Autoscale.LoadTest.Config;
using Autoscale.LoadTest.Simulation;
using Autoscale.LoadTest.Traces;

namespace Autoscale.LoadTest.Tests;

public sealed class SimulatorInvariantTests
{
    public static TheoryData<string> Policies => new(CliParser.AllPolicies);

    [Theory]
    [MemberData(nameof(Policies))]
    public void No_request_is_lost_and_capacity_is_never_negative(string policy)
    {
        // A burst well above one replica's capacity forces buffering, scale-ups, scale-downs and drains.
        var trace = Synthetic.Segments(800, 150, (0.5, 120), (6, 240), (0.3, 240));
        var run = Synthetic.Run(trace, policy);

        Assert.Equal(trace.Requests.Count, run.Requests.Arrived);
        Assert.Equal(run.Requests.Arrived, run.Requests.Served + run.Requests.Dropped);
        Assert.All(run.Series, p =>
        {
            Assert.True(p.Ready >= 0 && p.Pods >= 0 && p.Nodes >= 0 && p.Placeholders >= 0 && p.Desired >= 0);
            Assert.True(p.Ready <= p.Nodes, "a ready replica needs a node");
        });
        Assert.True(run.NodeGpuSeconds >= run.ReplicaGpuSeconds - 1e-6, "nodes are billed at least as long as replicas run on them");
    }

    [Fact]
    public void Same_seed_gives_byte_identical_json()
    {
        var trace = Synthetic.Segments(500, 100, (1, 120), (5, 180), (0.5, 120));
        var first = SimulationRunner.Run(trace, Synthetic.Options(3), SimConfig.Default, Synthetic.Profile, null).Json;
        var second = SimulationRunner.Run(trace, Synthetic.Options(3), SimConfig.Default, Synthetic.Profile, null).Json;

        Assert.Equal(first, second);
        Assert.Contains("\"sloAttainment\"", first, StringComparison.Ordinal);
        Assert.Contains("\"feasibleBoundGpuHours\"", first, StringComparison.Ordinal);
    }

    [Fact]
    public void Same_seed_gives_byte_identical_json_with_rate_scaling_and_balloons()
    {
        var config = SimConfigReader.Read(new StringReader("defaults:\n  warmPool:\n    minimum: 2\nworkloads:\n  - namespace: llm\n    name: vllm\n"), "warm.yaml");
        var options = Synthetic.Options(3) with { WarmPoolAll = true };
        string Json(SimulateOptions o) => SimulationRunner.Run(
            TraceTransforms.Apply(Synthetic.Segments(500, 100, (1, 120), (5, 180), (0.5, 120)), 2.5, 1, o.Seed), o, config, Synthetic.Profile, null).Json;

        var first = Json(options);

        Assert.Equal(first, Json(options));
        Assert.NotEqual(first, Json(options with { WarmPoolAll = false })); // the runner hands the balloons to the baselines
    }

    [Fact]
    public void Different_seeds_draw_different_cold_starts()
    {
        var trace = Synthetic.Segments(500, 100, (1, 60), (8, 300));
        var a = Synthetic.Run(trace, "common-recipe", seed: 1);
        var b = Synthetic.Run(trace, "common-recipe", seed: 2);

        Assert.NotEqual(a.ColdStarts.Select(c => c.Seconds), b.ColdStarts.Select(c => c.Seconds));
    }

    [Theory]
    [MemberData(nameof(Policies))]
    public void Constant_light_load_settles_at_one_replica(string policy)
    {
        // 0.2 req/s of short requests keeps one A10G replica mostly idle: every policy should hold exactly one.
        var trace = Synthetic.Segments(200, 20, (0.2, 900));
        var run = Synthetic.Run(trace, policy, initialReplicas: 2);

        // After 700 s: the controller's default 600-second scale-down window applies (the two initial replicas were
        // ready at t = 0, so it has learnt no cold start from them).
        var tail = run.Series.Where(p => p.At >= 700 && p.At <= 900).ToList();
        Assert.NotEmpty(tail);
        Assert.All(tail, p => Assert.Equal(1, p.Desired));
        Assert.Equal(0, run.Requests.Dropped);
    }

    [Theory]
    [InlineData("common-recipe", 30 + 30 + 15 + 15)]
    [InlineData("keda", 30 + 15 + 15)]
    [InlineData("kpa", 1 + 2 + 6 + 7)]
    [InlineData("autoscale", 2 + 15 + 5)]
    [InlineData("aibrix", 1 + 10 + 30)]
    public void A_step_increase_is_followed_by_a_scale_up_within_the_policys_delay(string policy, double maxDelaySeconds)
    {
        // Bound = scrape + rule evaluation + decision period, plus one interval of slack for the queue to form
        // (KPA: its 6 s panic-window average must first pass the 70-per-pod target, about 7 s at 10 req/s).
        const double step = 300;
        var trace = Synthetic.Segments(1000, 200, (0.2, step), (10, 300));
        var run = Synthetic.Run(trace, policy);

        var before = run.Series.Last(p => p.At <= step).Desired;
        var firstUp = run.Series.Concat([]).Where(p => p.At > step && p.Desired > before).Select(p => p.At).DefaultIfEmpty(double.PositiveInfinity).First();
        var firstEvent = run.ScaleEventTimes.Where(t => t > step).DefaultIfEmpty(double.PositiveInfinity).First();

        Assert.True(firstEvent - step <= maxDelaySeconds, $"{policy} first scaled {firstEvent - step:0.0} s after the step; bound {maxDelaySeconds} s");
        Assert.True(firstUp < double.PositiveInfinity, "the first change after the step is a scale-up");
    }

    [Fact]
    public void Gpu_util_hpa_scales_out_on_a_light_load_that_never_queues()
    {
        // One request at a time keeps the engine stepping back to back: ~100 % "utilised", over the 70 % target.
        var trace = Synthetic.Segments(1000, 200, (0.2, 600));
        var run = Synthetic.Run(trace, "gpu-util-hpa");

        Assert.Contains(run.Series, p => p.Desired >= 2);
        Assert.All(run.Series, p => Assert.True(p.Waiting <= 1, "the single replica never had a queue"));
    }

    [Fact]
    public void Cpu_hpa_on_the_real_4_core_request_does_not_see_a_saturating_step()
    {
        // The same step saturates the replica, yet one busy engine is ~30 % of its 4 cores: under the 80 % target.
        const double step = 300;
        var trace = Synthetic.Segments(1000, 200, (0.2, step), (10, 300));
        var run = Synthetic.Run(trace, "cpu-hpa");

        Assert.DoesNotContain(run.Series, p => p.At > step && p.Desired > 1);
        Assert.True(run.Series.Where(p => p.At > step).Max(p => p.Waiting) > 50, "the replica was saturated");
    }
}
