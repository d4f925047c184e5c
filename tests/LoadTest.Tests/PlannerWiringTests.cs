using Autoscale.LoadTest.Cli;
using Autoscale.LoadTest.Cluster;
using Autoscale.LoadTest.Config;
using Autoscale.LoadTest.Controller;
using Autoscale.LoadTest.Metrics;
using Autoscale.LoadTest.Policies;
using Autoscale.LoadTest.Replicas;
using Autoscale.LoadTest.Simulation;

namespace Autoscale.LoadTest.Tests;

/// <summary>
/// The planner in the simulator (issue #11 item 6): demand through the adapter's semantics, the controller's own Decide
/// with its memory carried, and the HPA on <c>autoscale_desired_replicas</c> beside the queue-depth safety net.
/// </summary>
public sealed class PlannerWiringTests
{
    private static VllmSample Scrape(string pod, double at, int waiting, int running, long completed, long prompt, long generated,
        double ttftSum = 0, long ttftCount = 0, double itlSum = 0, long itlCount = 0) =>
        new(pod, at, waiting, running, 0.5, new ReplicaCounters(completed, prompt, generated, ttftSum, ttftCount, itlSum, itlCount));

    private static MetricSnapshot Snapshot(double at, params VllmSample[] pods) => new(at, pods, []);

    [Fact]
    public void Pod_rates_are_counter_deltas_over_the_window_and_arrivals_add_the_change_in_waiting_and_running()
    {
        var series = new DemandSeries(new DemandWindows(RateSeconds: 4, ArrivalSeconds: 4, LatencySeconds: 4));
        series.Observe(Snapshot(0, Scrape("a", 0, 2, 3, 100, 20_000, 5_000, 10, 100, 20, 1_000)));
        series.Observe(Snapshot(2, Scrape("a", 2, 2, 3, 104, 20_800, 5_400, 10.4, 104, 22, 1_400)));
        Assert.Empty(series.Read()); // the 4-second window is not full yet: nothing is served, never a guess

        series.Observe(Snapshot(4, Scrape("a", 4, 4, 5, 110, 22_000, 6_000, 11, 110, 26, 2_000)));
        var pod = Assert.Single(series.Read());

        Assert.Equal(4, pod.WindowSeconds);
        Assert.Equal(10 / 4.0, pod.CompletedRequestsPerSecond, 9);
        Assert.Equal((10 + 4) / 4.0, pod.ArrivalRequestsPerSecond, 9); // 10 finished and 4 more in the system
        Assert.Equal(2_000 / 4.0, pod.PromptTokensPerSecond, 9);
        Assert.Equal(4 * 200.0, pod.WaitingPromptTokens!.Value, 9); // 4 waiting × 200 prompt tokens per completion
        Assert.Equal(1 / 10.0, pod.TimeToFirstTokenSeconds!.Value, 9);
        Assert.Equal(6 / 1_000.0, pod.InterTokenLatencySeconds!.Value, 9);
    }

    [Fact]
    public void A_pod_that_stops_reporting_is_dropped_and_a_window_without_completions_serves_no_means()
    {
        var series = new DemandSeries(new DemandWindows(2, 2, 2));
        series.Observe(Snapshot(0, Scrape("a", 0, 0, 1, 5, 500, 50), Scrape("b", 0, 0, 0, 0, 0, 0)));
        series.Observe(Snapshot(2, Scrape("a", 2, 0, 1, 5, 500, 60), Scrape("b", 2, 0, 0, 0, 0, 0)));
        Assert.Equal(["a", "b"], series.Read().Select(p => p.PodName));
        Assert.All(series.Read(), p => Assert.Null(p.TimeToFirstTokenSeconds));
        Assert.All(series.Read(), p => Assert.Equal(0, p.WaitingPromptTokens)); // nothing waits: 0, known

        series.Observe(Snapshot(4, Scrape("a", 4, 3, 1, 5, 500, 70))); // b is loading or gone: left out, as the adapter does
        var a = Assert.Single(series.Read());
        Assert.Null(a.WaitingPromptTokens); // 3 wait, but no request finished in the window to give their mean length

        series.Observe(Snapshot(6, Scrape("a", 6, 0, 0, 5, 500, 80))); // 4 left the pod without finishing (aborted)
        Assert.Equal(0, Assert.Single(series.Read()).ArrivalRequestsPerSecond); // never negative
    }

    [Fact]
    public void The_reader_sums_rates_weights_latencies_and_stamps_the_oldest_sample()
    {
        var pods = new[]
        {
            new PodDemand("a", 100, 30, 2, 3, 400, 200, 1, 4, 0.2, 200, 1.0, 0.05),
            new PodDemand("b", 98, 30, 6, 5, 1_200, 600, 3, 8, 0.6, 600, 2.0, 0.03),
        };

        var demand = WorkloadDemandReader.Sum(pods)!;

        Assert.Equal(2, demand.Pods);
        Assert.Equal(HpaDriver.At(98), demand.ObservedAt);
        Assert.Equal((8.0, 8.0, 1_600.0, 800.0, 4.0, 12.0, 800.0), (demand.ArrivalRequestsPerSecond, demand.CompletedRequestsPerSecond,
            demand.PromptTokensPerSecond, demand.GenerationTokensPerSecond, demand.Waiting!.Value, demand.Running!.Value, demand.WaitingPromptTokens!.Value));
        Assert.Equal(((1.0 * 2) + (2.0 * 6)) / 8, demand.TimeToFirstTokenSeconds!.Value, 9); // by completions
        Assert.Equal(((0.05 * 200) + (0.03 * 600)) / 800, demand.InterTokenLatencySeconds!.Value, 9); // by generated tokens
        Assert.Equal(0.4, demand.KvCacheUsage!.Value, 9);
        Assert.Null(WorkloadDemandReader.Sum([]));
    }

    [Fact]
    public void Length_spreads_are_the_midpoint_totals_increase_over_the_latency_window_and_pool_over_pods()
    {
        // A replica finishes requests of 100 and 3,000 output tokens (buckets (50, 100] and (2000, 5000]: midpoints 75
        // and 3,500); the window holds two of each, so the spread is half the midpoints' distance.
        var engine = new EmulatedReplicaEngine(Autoscale.VllmEmulator.Model.ReplicaProfiles.Llama31_8B_H100);
        var before = engine.Counters;
        var id = 0;
        foreach (var output in new[] { 100, 3_000, 100, 3_000 })
        {
            Assert.True(engine.Submit(new Autoscale.LoadTest.Traces.TraceRequest(id++, 0, 200, output), 0));
        }

        engine.AdvanceTo(600);
        var after = engine.Counters;
        Assert.Equal(4, after.Completed - before.Completed);

        var series = new DemandSeries(new DemandWindows(2, 2, 2));
        series.Observe(Snapshot(0, new VllmSample("a", 0, 0, 0, 0, before)));
        series.Observe(Snapshot(2, new VllmSample("a", 2, 0, 0, 0, after)));
        var pod = Assert.Single(series.Read());

        Assert.Equal((3_500 - 75) / 2.0, pod.StdDevOutputTokens!.Value, 6);
        Assert.Equal(0, pod.StdDevPromptTokens!.Value, 9); // every prompt in one bucket

        // Two pods: second moments averaged, less the square of the mean of their means.
        var pooled = WorkloadDemandReader.Sum([pod, pod with { PodName = "b", MeanOutputTokens = 3 * pod.MeanOutputTokens, StdDevOutputTokens = 0 }])!;
        var (m, s) = (pod.MeanOutputTokens!.Value, pod.StdDevOutputTokens!.Value);
        Assert.Equal(Math.Sqrt(((s * s) + (m * m) + (9 * m * m)) / 2 - (4 * m * m)), pooled.WindowOutputTokensStandardDeviation!.Value, 6);
    }

    [Theory]
    [InlineData(0, true)]
    [InlineData(120, true)]
    [InlineData(121, false)] // older than the adapter's max age: not served, the queue-depth safety net governs
    public void The_desired_replicas_annotation_is_served_until_it_is_older_than_the_max_age(double age, bool served)
    {
        var at = HpaDriver.At(1_000);
        var annotations = new Dictionary<string, string>
        {
            [DesiredReplicasMetric.Annotation] = """{"replicas":12,"at":"2023-11-16T00:16:40.000Z","reason":"demand 40 req/s"}""",
        };

        var sample = DesiredReplicasMetric.Serve(annotations, at.AddSeconds(age), 120);

        Assert.Equal(served, sample is not null);
        if (sample is not null)
        {
            Assert.Equal((12_000L, at), (sample.ValueMilli, sample.Timestamp));
        }
    }

    [Theory]
    [InlineData(null)]
    [InlineData("not json")]
    [InlineData("""{"replicas":-1,"at":"2023-11-16T00:16:40.000Z"}""")]
    [InlineData("""{"replicas":3}""")]
    public void A_missing_or_unreadable_annotation_is_not_served(string? value)
    {
        var annotations = value is null ? new Dictionary<string, string>() : new Dictionary<string, string> { [DesiredReplicasMetric.Annotation] = value };
        Assert.Null(DesiredReplicasMetric.Serve(annotations, HpaDriver.At(1_000), 120));
    }

    [Fact]
    public void The_shipped_config_is_what_runs_without_config_and_has_the_planner_on()
    {
        var onDisk = SimConfigReader.Read(Path.Combine(AppContext.BaseDirectory, "configs", ShippedConfig.FileName));

        Assert.True(SimConfig.Default.Autoscale.PlannerEnabled);
        Assert.Equal(onDisk.Autoscale with { Controller = null! }, SimConfig.Default.Autoscale with { Controller = null! });
        Assert.Equal(onDisk.Autoscale.Controller.Workloads[0].Policy.Planner, SimConfig.Default.Autoscale.Controller.Workloads[0].Policy.Planner);
        Assert.Equal((0.0, 0.0), (SimConfig.Default.Autoscale.ScaleUpTolerance, SimConfig.Default.Autoscale.ScaleDownTolerance));
    }

    [Fact]
    public void The_hpa_follows_the_planners_published_number_and_the_planner_keeps_its_memory_between_rounds()
    {
        // A step from a trickle to 6 req/s of 1,000/200-token requests: more than one A10G replica serves.
        var policy = (AutoscalePolicy)PolicyFactory.Create("autoscale", SimConfig.Default);
        var trace = Synthetic.Segments(1000, 200, (0.5, 300), (6, 900));
        var run = new Simulator(trace, policy, new SimulationOptions(ClusterOptions.Default, 5), Synthetic.Engines).Run();

        Assert.True(policy.Controller.ReadsDemand);
        var published = run.PlannerEvents!.Where(e => e.Replicas is not null).ToList();
        Assert.True(published.Count >= 2, "the planner published and then changed its number");
        Assert.True(published.Max(e => e.Replicas!.Value) > 1, "the step asks for more than one replica");
        Assert.Contains("autoscale.dev/planner-state", policy.Hpa.Annotations.Keys);

        // The state carries the forecaster across rounds: more buckets were observed than one round could fold in.
        Assert.Contains("\"n\":", policy.Hpa.Annotations["autoscale.dev/planner-state"], StringComparison.Ordinal);

        // While a number stands (a minute after it was published, for the HPA's sync and its scale-up rate limit),
        // the HPA's desired count is at least that number (the queue-depth safety net may only add): the Object metric
        // is on the HPA's path.
        var checkedPoints = 0;
        for (var i = 0; i < published.Count; i++)
        {
            var until = i + 1 < published.Count ? published[i + 1].At : run.EndedAt;
            foreach (var point in run.Series.Where(p => p.At >= published[i].At + 60 && p.At < until))
            {
                Assert.True(point.Desired >= published[i].Replicas!.Value, $"desired {point.Desired} at {point.At} below the published {published[i].Replicas}");
                checkedPoints++;
            }
        }

        Assert.True(checkedPoints > 10, $"only {checkedPoints} points checked");
    }

    /// <summary>
    /// The prefill correction end to end: a trickle of 1,000/200-token requests on the A10G, the planner seeded exact
    /// and then with prefill 0.7 × the GPU's (<c>--seed-prefill-scale 0.7</c>); what it learns from the TTFT the
    /// simulated adapter serves is carried in its state on the HPA.
    /// </summary>
    [Theory]
    [InlineData(1.0, 0.9, 1.1)]
    [InlineData(0.7, 1.25, 1.6)] // the truth: 1 ÷ 0.7 = 1.43
    public void A_seed_whose_prefill_is_off_is_corrected_from_the_pods_ttft(double seedScale, double low, double high)
    {
        var config = SimConfig.Default with { Autoscale = SimConfig.Default.Autoscale with { SeedError = new SeedError(seedScale, 1) } };
        var policy = (AutoscalePolicy)PolicyFactory.Create("autoscale", config);
        var trace = Synthetic.Segments(1000, 200, (0.3, 1800));

        new Simulator(trace, policy, new SimulationOptions(ClusterOptions.Default, 5), Synthetic.Engines).Run();

        var state = policy.Hpa.Annotations["autoscale.dev/planner-state"];
        var learnt = System.Text.RegularExpressions.Regex.Match(state, "\"k\":([0-9.]+),\"kn\":([0-9]+)");
        Assert.True(learnt.Success, state);
        Assert.True(int.Parse(learnt.Groups[2].Value, System.Globalization.CultureInfo.InvariantCulture) >= 10, $"few observations: {learnt.Value}");
        Assert.InRange(double.Parse(learnt.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture), low, high);
    }

    [Fact]
    public void The_seed_error_flags_reach_the_autoscale_policy()
    {
        var options = CliParser.Parse(["simulate", "--trace", "t.csv", "--seed-prefill-scale", "0.77", "--seed-decode-scale", "1.2"]);

        Assert.Equal((0.77, 1.2), (options.SeedPrefillScale, options.SeedDecodeScale));
        Assert.Equal((1.0, 1.0), (CliParser.Parse(["simulate", "--trace", "t.csv"]).SeedPrefillScale, CliParser.Parse(["simulate", "--trace", "t.csv"]).SeedDecodeScale));
        Assert.Throws<Autoscale.Hosting.Flags.FlagException>(() => CliParser.Parse(["simulate", "--trace", "t.csv", "--seed-prefill-scale", "0"]));
        Assert.Contains("--seed-prefill-scale", HelpText.Usage, StringComparison.Ordinal);
        var seeded = PlannerSeed.Apply(SimConfig.Default.Autoscale.Controller, Synthetic.Profile, new SeedError(0.77, 1.2)).Workloads[0].Policy.Planner.Profile!;
        var exact = PlannerSeed.Apply(SimConfig.Default.Autoscale.Controller, Synthetic.Profile).Workloads[0].Policy.Planner.Profile!;
        Assert.Equal(exact.PrefillSecondsPerToken * 0.77, seeded.PrefillSecondsPerToken, 12);
        Assert.Equal(exact.DecodeStepBaseSeconds * 1.2, seeded.DecodeStepBaseSeconds, 12);
        Assert.Equal(exact.KvCacheTokens, seeded.KvCacheTokens);
    }
}
