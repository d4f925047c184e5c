using Autoscale.ScaleController.Decide.Planner;
using Autoscale.VllmEmulator.Model;

namespace Autoscale.ScaleController.Tests.Decide.Planner;

public sealed class ReplicaCapacityTests
{
    // ShareGPT's mean request in the published `vllm bench serve` runs the profiles are calibrated on (~230 in, ~200 out).
    private const int Prompt = 230;
    private const int Output = 200;

    private static readonly DemandShape ShareGpt = new(Prompt, Output);

    public static TheoryData<string> Profiles => new(ReplicaProfiles.All.Select(p => p.Name));

    /// <summary>
    /// Compared against the emulated replica's measured SLO capacity: the largest Poisson rate at which 99 % of
    /// requests meet the benchmark SLO, by bisection on <see cref="ReplicaModel"/>, for every request alike (230 + 200)
    /// and for exponential lengths with those means (the model told cv = 1). Measured 2026-12-07, model vs emulated
    /// req/s, fixed / exponential: A10G 3.30 vs 3.10 / 2.66 vs 2.37 (KV-bound); H100 8B 35.1 vs 36.7 / 34.1 vs 36.0
    /// (max-num-seqs); 70B TP4 8.07 vs 7.59 / 8.03 vs 7.60 (TPOT).
    /// </summary>
    [Theory]
    [MemberData(nameof(Profiles))]
    public void Capacity_is_within_15_percent_of_the_emulated_replicas_measured_slo_capacity(string name)
    {
        var profile = ReplicaProfiles.Get(name);
        AssertWithin15Percent(profile, ShareGpt, EmulatedReplica.Fixed(Prompt, Output));
        AssertWithin15Percent(profile, ShareGpt with { PromptCv = 1, OutputCv = 1 }, EmulatedReplica.Exponential(Prompt, Output));
    }

    private static void AssertWithin15Percent(ReplicaProfile profile, DemandShape shape, Func<Random, (int Prompt, int Output)> draw)
    {
        var estimate = ReplicaCapacity.Estimate(EmulatorSeed.From(profile), PlannerSlo.Default, shape);
        var low = 0.2 * estimate.RequestsPerSecond;
        var high = 3 * estimate.RequestsPerSecond;

        var truth = EmulatedReplica.SloCapacity(profile, PlannerSlo.Default, draw, low, high);

        // A truth at either end of the bracket would mean the bisection never found the edge.
        Assert.InRange(truth, low * 1.05, high * 0.95);
        Assert.True(Math.Abs((estimate.RequestsPerSecond / truth) - 1) <= 0.15,
            $"{profile.Name} {shape}: model {estimate.RequestsPerSecond:0.00} req/s ({estimate.Bound}), emulated {truth:0.00} req/s");
    }

    [Fact]
    public void The_binding_limit_is_named()
    {
        var a10g = ReplicaCapacity.Estimate(EmulatorSeed.From(ReplicaProfiles.Llama31_8B_A10G), PlannerSlo.Default, ShareGpt);
        var h100 = ReplicaCapacity.Estimate(EmulatorSeed.From(ReplicaProfiles.Llama31_8B_H100), PlannerSlo.Default, ShareGpt);
        var seventy = ReplicaCapacity.Estimate(EmulatorSeed.From(ReplicaProfiles.Llama31_70B_H100_Tp4), PlannerSlo.Default, ShareGpt);

        Assert.Equal("kv", a10g.Bound);
        Assert.Equal("max-seqs", h100.Bound);
        Assert.Equal("tpot", seventy.Bound);
    }

    [Fact]
    public void Long_prompts_lower_the_request_capacity()
    {
        var seed = EmulatorSeed.From(ReplicaProfiles.Llama31_8B_H100);

        var shortPrompts = ReplicaCapacity.Estimate(seed, PlannerSlo.Default, ShareGpt);
        var longPrompts = ReplicaCapacity.Estimate(seed, PlannerSlo.Default, new DemandShape(7_000, Output));

        Assert.True(longPrompts.RequestsPerSecond < 0.5 * shortPrompts.RequestsPerSecond,
            $"{longPrompts.RequestsPerSecond} vs {shortPrompts.RequestsPerSecond}");
    }

    [Fact]
    public void The_model_predicts_the_emulators_isolated_latencies()
    {
        foreach (var profile in ReplicaProfiles.All)
        {
            var seed = EmulatorSeed.From(profile);
            var (ttft, itl) = EmulatedReplica.Isolated(profile, 4_000);

            Assert.InRange(ReplicaCapacity.IsolatedTtftSeconds(seed, 4_000) / ttft, 0.9, 1.1);
            Assert.InRange(ReplicaCapacity.IdleItlSeconds(seed) / itl, 0.9, 1.1);
        }
    }

    [Fact]
    public void A_slower_engine_by_the_correction_factor_has_proportionally_less_capacity()
    {
        var seed = EmulatorSeed.From(ReplicaProfiles.Llama31_70B_H100_Tp4);

        var plain = ReplicaCapacity.Estimate(seed, PlannerSlo.Default, ShareGpt);
        var slower = ReplicaCapacity.Estimate(seed, PlannerSlo.Default, ShareGpt, correction: 1.2);

        Assert.Equal(1.2, slower.Correction);
        Assert.InRange(slower.RequestsPerSecond / plain.RequestsPerSecond, 0.7, 0.9);
    }

    [Fact]
    public void The_correction_learnt_from_itl_scales_decode_steps_and_leaves_prefill_at_the_seed()
    {
        // The correction is the pods' ITL over the seed's: it says how fast the engine decodes, nothing about prefill.
        var seed = EmulatorSeed.From(ReplicaProfiles.Llama31_8B_A10G);
        var shape = new DemandShape(1_500, 150, 1, 1);

        var plain = ReplicaCapacity.LoadAt(seed, shape, 1, 0.3)!;
        var slower = ReplicaCapacity.LoadAt(seed, shape, 1.5, 0.3)!;

        Assert.Equal(plain.PrefillSeconds, slower.PrefillSeconds);
        Assert.Equal(plain.PrefillShare, slower.PrefillShare);
        Assert.True(slower.StepSeconds > 1.5 * plain.StepSeconds); // each step 1.5 × as long, and more sequences in it

        // Alone on an idle replica a 5,000-token prompt takes three chunk steps and its prefill: only the steps slow.
        var steps = Math.Ceiling(5_000.0 / seed.MaxBatchedTokens) * seed.DecodeStepBaseSeconds;
        Assert.Equal(0.5 * steps, ReplicaCapacity.IsolatedTtftSeconds(seed, 5_000, 1.5) - ReplicaCapacity.IsolatedTtftSeconds(seed, 5_000), 12);
    }

    /// <summary>
    /// The TTFT the planner's prefill correction compares with: at light load (prefill 5–15 % of engine time) on a
    /// lone replica of every profile, the prompts' chunk steps plus their mean prefill and the wait behind other
    /// prompts predict the emulated replica's mean TTFT within 10 %, fixed and exponential lengths alike.
    /// </summary>
    [Theory]
    [MemberData(nameof(Profiles))]
    public void Ttft_parts_predict_the_emulated_replicas_mean_ttft_at_light_load(string name)
    {
        var profile = ReplicaProfiles.Get(name);
        var seed = EmulatorSeed.From(profile);
        foreach (var (shape, draw) in new[]
        {
            (new DemandShape(1_000, 100), EmulatedReplica.Fixed(1_000, 100)),
            (new DemandShape(1_000, 100, PromptCv: 1, OutputCv: 1), EmulatedReplica.Exponential(1_000, 100)),
        })
        {
            var prefill = ReplicaCapacity.PrefillMoments(seed, shape).Mean;
            foreach (var share in new[] { 0.05, 0.15 })
            {
                var rate = share / prefill;
                var (ttft, running) = EmulatedReplica.MeanTtft(profile, draw, rate, 2_000, seed: 5);
                var parts = ReplicaCapacity.TtftParts(seed, shape, running, rate, replicas: 1)!.Value;

                var ratio = ttft / (parts.Steps + parts.Prefill);
                Assert.True(Math.Abs(ratio - 1) <= 0.1, $"{name}, prompt cv {shape.PromptCv}, prefill share {share}: emulated {ttft:0.000} s, predicted {parts.Steps + parts.Prefill:0.000} s");
            }
        }
    }
}
