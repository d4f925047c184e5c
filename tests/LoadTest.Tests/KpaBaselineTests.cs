using Autoscale.LoadTest.Cluster;
using Autoscale.LoadTest.Config;
using Autoscale.LoadTest.Metrics;
using Autoscale.LoadTest.Policies;
using Autoscale.LoadTest.Simulation;
using Autoscale.VllmEmulator.Model;

namespace Autoscale.LoadTest.Tests;

public sealed class KpaBaselineTests
{
    [Fact]
    public void Defaults_are_knatives_with_an_llm_operators_sizing()
    {
        var options = new KpaOptions();

        // knative/serving config-autoscaler defaults.
        Assert.Equal((60.0, 10.0, 200.0, 1000.0, 2.0, 2.0, 1.0), (options.StableWindowSeconds, options.PanicWindowPercentage,
            options.PanicThresholdPercentage, options.MaxScaleUpRate, options.MaxScaleDownRate, options.TickSeconds, options.ScrapeSeconds));

        // What the operator changes: scale-down delay ≈ p95 cold start, grace = revision timeout 300 s, target derived.
        Assert.Equal(600, options.ScaleDownDelaySeconds);
        Assert.Equal(300, options.TerminationGraceSeconds);
        Assert.Null(options.TargetConcurrency);
        var policy = (KpaPolicy)PolicyFactory.Create("kpa", SimConfig.Default, profile: Synthetic.Profile);
        Assert.Equal(300, ((IScalingPolicy)policy).TerminationGraceSeconds);
        Assert.Equal(KpaSizing.TargetConcurrency(Synthetic.Profile), policy.Options.TargetConcurrency);
    }

    [Fact]
    public void Other_policies_keep_the_deployments_grace_period()
    {
        Assert.Null(((IScalingPolicy)PolicyFactory.Create("common-recipe", SimConfig.Default)).TerminationGraceSeconds);
    }

    [Fact]
    public void Scale_down_drains_long_generations_within_the_revision_timeout()
    {
        // A burst of ~1-minute generations scales the KPA out; the lighter load after it keeps every pod streaming
        // when the KPA scales in, and those generations must finish within the grace period.
        var trace = Synthetic.Segments(100, 2000, (0.3, 600), (0.1, 1800));
        RunResult Run(double grace) => new Simulator(
            trace,
            PolicyFactory.Create("kpa", SimConfig.Default with { Kpa = SimConfig.Default.Kpa with { TerminationGraceSeconds = grace } }),
            new SimulationOptions(ClusterOptions.Default, 3),
            Synthetic.Engines).Run();

        var knative = Run(300);
        var deployment = Run(30);

        Assert.True(knative.ScaleEventTimes.Count >= 2, "the KPA scaled out and in");
        Assert.Equal(0, knative.Requests.Dropped);
        Assert.True(deployment.Requests.Dropped > 0, "a 30 s grace cuts generations that run for minutes");
    }

    [Theory]
    [InlineData(40_000, 256, 1000, 200, 33)]     // KV-bound: 40,000 / 1,200
    [InlineData(400_000, 16, 1000, 200, 16)]     // --max-num-seqs-bound
    [InlineData(400_000, 256, 100, 1000, 133)]   // TPOT-bound: 20 ms + 0.6 ms × b ≤ 0.1 s
    public void Servable_batch_is_the_tightest_of_kv_seqs_and_tpot(int kvTokens, int maxSeqs, int prompt, int output, int expected)
    {
        var profile = Profile(kvTokens, maxSeqs);

        Assert.Equal(expected, KpaSizing.ServableBatch(profile, prompt, output));
    }

    [Fact]
    public void The_a10g_8b_target_is_about_ten_on_conversation_prompts()
    {
        // ~24k KV tokens ÷ (1,155 + 211) ≈ 17 sequences; 70 % of that.
        Assert.InRange(KpaSizing.TargetConcurrency(ReplicaProfiles.Llama31_8B_A10G), 8, 14);
    }

    [Theory]
    [InlineData(10, 2, 1)]    // 10 in flight over 2 pods, target 11: one pod
    [InlineData(30, 2, 3)]    // ceil(30 / 11)
    [InlineData(40, 3, 4)]    // ceil(40 / 11)
    public void Stable_mode_asks_for_total_concurrency_over_target(int inFlight, int ready, int expected)
    {
        var policy = new KpaPolicy(new KpaOptions(TargetConcurrency: 11, ScaleDownDelaySeconds: 0), 64);

        var decision = Steady(policy, inFlight, ready, seconds: 60);

        Assert.False(policy.Panicking);
        Assert.Equal(expected, decision.Replicas);
    }

    [Fact]
    public void Twice_the_ready_capacity_in_the_panic_window_enters_panic_and_never_scales_down_in_it()
    {
        var policy = new KpaPolicy(new KpaOptions(TargetConcurrency: 10, ScaleDownDelaySeconds: 0), 64);
        Steady(policy, inFlight: 10, ready: 1, seconds: 60);
        Assert.False(policy.Panicking);

        // 6 s at 20 in flight on one ready pod: panic desired 2 / 1 ready ≥ 200 %.
        var up = Steady(policy, inFlight: 20, ready: 1, seconds: 6, start: 60);
        Assert.True(policy.Panicking);
        Assert.Equal(2, up.Replicas);

        // The load drops at once: still panicking, so no scale-down below the panic high-water mark.
        var held = Steady(policy, inFlight: 1, ready: 2, seconds: 20, start: 66);
        Assert.True(policy.Panicking);
        Assert.Equal(2, held.Replicas);
    }

    [Theory]
    [InlineData(30, false)]   // ceil(30 / 10) = 3 pods for 2 ready: 150 %
    [InlineData(31, true)]    // ceil(31 / 10) = 4 pods for 2 ready: 200 %
    public void Panic_starts_when_the_panic_desired_reaches_twice_the_ready_pods(int inFlight, bool panics)
    {
        var policy = new KpaPolicy(new KpaOptions(TargetConcurrency: 10, ScaleDownDelaySeconds: 0), 64);
        Steady(policy, inFlight, ready: 2, seconds: 60);

        Assert.Equal(panics, policy.Panicking);
    }

    [Fact]
    public void Scale_down_delay_holds_the_highest_recommendation_of_its_window()
    {
        var policy = new KpaPolicy(new KpaOptions(TargetConcurrency: 10), 64);
        Steady(policy, inFlight: 40, ready: 4, seconds: 60);

        var early = Steady(policy, inFlight: 5, ready: 4, seconds: 300, start: 60);
        Assert.Equal(4, early.Replicas);
        var late = Steady(policy, inFlight: 5, ready: 4, seconds: 700, start: 360);
        Assert.Equal(2, late.Replicas);   // max-scale-down-rate 2: at most half the 4 ready pods per decision
    }

    // Feeds one queue-proxy total per second (spread evenly over the ready pods) and decides every 2 s.
    private static ScaleDecision Steady(KpaPolicy policy, int inFlight, int ready, double seconds, double start = 0)
    {
        var pods = Enumerable.Range(0, ready).Select(i => new PodView($"p{i}", PodStage.Ready, 0, 0, 0)).ToList();
        ScaleDecision? last = null;
        for (var t = start + 1; t <= start + seconds; t++)
        {
            var samples = pods.Select((p, i) => new VllmSample(p.Name, t, 0, (inFlight / ready) + (i < inFlight % ready ? 1 : 0), 0)).ToList();
            var metrics = new MetricSnapshot(t, samples, []);
            if ((int)t % 2 == 0)
            {
                last = policy.Decide(new PolicyInput(t, ready, pods, metrics));
            }
        }

        return last ?? throw new InvalidOperationException("no decision");
    }

    private static ReplicaProfile Profile(int kvTokens, int maxSeqs) => Synthetic.Profile with
    {
        MaxNumSeqs = maxSeqs,
        MaxNumBatchedTokens = 4096,
        KvCacheTokens = kvTokens,
        MaxModelLen = 4096,
        StepBaseSeconds = 0.02,
        StepPerDecodeSequenceSeconds = 0.0006,
        StepPerPrefillTokenSeconds = 0,
    };
}
