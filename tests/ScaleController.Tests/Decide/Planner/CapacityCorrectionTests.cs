using Autoscale.ScaleController.Decide.Planner;
using Autoscale.VllmEmulator.Model;

namespace Autoscale.ScaleController.Tests.Decide.Planner;

public sealed class CapacityCorrectionTests
{
    private static readonly DemandShape ShareGpt = new(230, 200);

    [Fact]
    public void Converges_when_the_observed_itl_is_consistently_20_percent_above_the_prediction()
    {
        var seed = EmulatorSeed.From(ReplicaProfiles.Llama31_70B_H100_Tp4);
        var correction = CapacityCorrection.None;
        var random = new Random(3);
        for (var i = 0; i < 40; i++)
        {
            var running = random.Next(1, 200);
            var predicted = ReplicaCapacity.PredictedItlSeconds(seed, ShareGpt, running, requestsPerSecond: random.NextDouble() * 8);
            correction = correction.Observe(1.2 * predicted, predicted, running);
        }

        Assert.Equal(1.2, correction.Factor, 3);
        Assert.Equal(40, correction.Observations);
        var corrected = ReplicaCapacity.Estimate(seed, PlannerSlo.Default, ShareGpt, correction.Factor);
        Assert.True(corrected.RequestsPerSecond < ReplicaCapacity.Estimate(seed, PlannerSlo.Default, ShareGpt).RequestsPerSecond);
    }

    [Fact]
    public void One_wild_observation_moves_the_factor_by_a_bounded_step()
    {
        var settled = new CapacityCorrection(1.0, 50);

        var after = settled.Observe(observedSeconds: 5, predictedSeconds: 0.05, samples: 10);

        // The ratio 100 is clamped to 2 and smoothed: 1 + 0.2 × (2 − 1).
        Assert.Equal(1.2, after.Factor, 9);
    }

    [Theory]
    [InlineData(double.NaN, 0.05, 10.0)]
    [InlineData(0.0, 0.05, 10.0)]
    [InlineData(0.06, 0.0, 10.0)]
    [InlineData(0.06, 0.05, 0.0)] // nothing decoding: the ITL says nothing about a batch
    public void Meaningless_observations_are_ignored(double observed, double predicted, double running)
    {
        var state = new CapacityCorrection(1.1, 7);

        Assert.Same(state, state.Observe(observed, predicted, running));
    }

    [Fact]
    public void The_factor_stays_within_its_bounds()
    {
        var fast = CapacityCorrection.None;
        var slow = CapacityCorrection.None;
        for (var i = 0; i < 100; i++)
        {
            fast = fast.Observe(0.001, 0.05, 10);
            slow = slow.Observe(10, 0.05, 10);
        }

        Assert.Equal(CapacityCorrection.MinFactor, fast.Factor);
        Assert.Equal(CapacityCorrection.MaxFactor, slow.Factor);
    }

    /// <summary>
    /// Learning on an emulated replica 20 % slower than the seed: observe the ITL the slow replica shows (decode
    /// time per token of finished requests) at its mean running count, correct, and compare the corrected capacity
    /// with the slow replica's measured SLO capacity.
    /// </summary>
    [Fact]
    public void Corrected_capacity_of_a_slower_replica_is_within_15_percent_of_its_measured_capacity()
    {
        var fast = ReplicaProfiles.Llama31_70B_H100_Tp4;
        var slow = fast with
        {
            StepBaseSeconds = fast.StepBaseSeconds * 1.2,
            StepPerDecodeSequenceSeconds = fast.StepPerDecodeSequenceSeconds * 1.2,
            StepPerPrefillTokenSeconds = fast.StepPerPrefillTokenSeconds * 1.2,
            DecodeKvReadSecondsPerContextToken = fast.DecodeKvReadSecondsPerContextToken * 1.2,
        };
        var seed = EmulatorSeed.From(fast);
        var correction = CapacityCorrection.None;
        foreach (var rate in new[] { 1.0, 2.0, 4.0, 6.0 })
        {
            var (itl, running) = ObserveItl(slow, rate);
            correction = correction.Observe(itl, ReplicaCapacity.PredictedItlSeconds(seed, ShareGpt, running, rate), running);
        }

        var corrected = ReplicaCapacity.Estimate(seed, PlannerSlo.Default, ShareGpt, correction.Factor);
        var truth = EmulatedReplica.SloCapacity(slow, PlannerSlo.Default, EmulatedReplica.Fixed(230, 200), 1, 20);

        Assert.InRange(correction.Factor, 1.1, 1.3);
        Assert.InRange(corrected.RequestsPerSecond / truth, 0.85, 1.15);
    }

    public static TheoryData<string> Profiles => new(ReplicaProfiles.All.Select(p => p.Name));

    /// <summary>
    /// Issue #11's Done-when for every profile: an emulated replica 20 % slower than the seed it was configured with
    /// (every step cost × 1.2) serves traffic at four rates up to 80 % of the seed's capacity, 2,000 requests each;
    /// the correction learnt from its ITL, applied to the seed, gives a capacity within 15 % of the slow replica's
    /// measured SLO capacity (bisection on the emulator, as <see cref="ReplicaCapacityTests"/>).
    /// </summary>
    [Theory]
    [MemberData(nameof(Profiles))]
    public void Learning_converges_within_15_percent_of_a_slower_replicas_measured_capacity_for_every_profile(string name)
    {
        var fast = ReplicaProfiles.Get(name);
        var slow = fast with
        {
            StepBaseSeconds = fast.StepBaseSeconds * 1.2,
            StepPerDecodeSequenceSeconds = fast.StepPerDecodeSequenceSeconds * 1.2,
            StepPerPrefillTokenSeconds = fast.StepPerPrefillTokenSeconds * 1.2,
            DecodeKvReadSecondsPerContextToken = fast.DecodeKvReadSecondsPerContextToken * 1.2,
        };
        var seed = EmulatorSeed.From(fast);
        var seedCapacity = ReplicaCapacity.Estimate(seed, PlannerSlo.Default, ShareGpt).RequestsPerSecond;
        var correction = CapacityCorrection.None;
        foreach (var share in new[] { 0.2, 0.4, 0.6, 0.8 })
        {
            var (itl, running) = ObserveItl(slow, share * seedCapacity);
            correction = correction.Observe(itl, ReplicaCapacity.PredictedItlSeconds(seed, ShareGpt, running, share * seedCapacity), running);
        }

        var corrected = ReplicaCapacity.Estimate(seed, PlannerSlo.Default, ShareGpt, correction.Factor).RequestsPerSecond;
        var truth = EmulatedReplica.SloCapacity(slow, PlannerSlo.Default, EmulatedReplica.Fixed(230, 200), 0.2 * seedCapacity, 3 * seedCapacity);

        Assert.True(correction.Factor > 1.05, $"{name}: the correction did not see the slower engine (× {correction.Factor:0.###})");
        Assert.True(Math.Abs((corrected / truth) - 1) <= 0.15,
            $"{name}: corrected {corrected:0.00} req/s (× {correction.Factor:0.###}), emulated slow replica {truth:0.00} req/s");
    }

    /// <summary>
    /// The prefill half for every profile: an emulated replica whose prompt tokens cost 30 % more than its seed says
    /// serves 1,000-token prompts with 100-token answers at light load (prefill 5, 10 and 15 % of engine time, 2,000
    /// requests each). The correction learnt from its mean TTFT, less the decode steps the prompts' chunks ride, over
    /// the seed's prefill lands within 10 % of 1.3, and the capacity sized with it is within 15 % of the slow replica's
    /// measured SLO capacity where the seed alone is further off. The planner applies only what lies beyond the TTFT
    /// model's own error (<see cref="PlannerStep.PrefillModelError"/>), so its capacity lies between the two.
    /// </summary>
    [Theory]
    [MemberData(nameof(Profiles))]
    public void Prefill_learning_from_the_ttft_converges_within_15_percent_of_a_slower_prefill_replicas_capacity(string name)
    {
        var fast = ReplicaProfiles.Get(name);
        var slow = fast with { StepPerPrefillTokenSeconds = fast.StepPerPrefillTokenSeconds * 1.3 };
        var seed = EmulatorSeed.From(fast);
        var shape = new DemandShape(1_000, 100);
        var prefill = ReplicaCapacity.PrefillMoments(seed, shape).Mean;
        var correction = CapacityCorrection.None;
        foreach (var share in new[] { 0.05, 0.1, 0.15 })
        {
            var rate = share / prefill;
            var (ttft, running) = EmulatedReplica.MeanTtft(slow, EmulatedReplica.Fixed(1_000, 100), rate, 2_000, seed: 3);
            var parts = ReplicaCapacity.TtftParts(seed, shape, running, rate, replicas: 1)!.Value;
            correction = correction.Observe(ttft - parts.Steps, parts.Prefill, 2_000);
        }

        double CapacityAt(double factor) => FleetCapacity.Of(seed.WithPrefillCorrection(factor), PlannerSlo.Default, shape).PerReplicaAt(1);
        var corrected = CapacityAt(correction.Factor);
        var applied = CapacityAt(PlannerStep.AppliedPrefill(PlannerState.Empty with { PrefillCorrection = correction }));
        var uncorrected = CapacityAt(1);
        var truth = EmulatedReplica.SloCapacity(slow, PlannerSlo.Default, EmulatedReplica.Fixed(1_000, 100), 0.2 * uncorrected, 3 * uncorrected);

        Assert.True(Math.Abs((correction.Factor / 1.3) - 1) <= 0.1, $"{name}: learnt × {correction.Factor:0.###} for a prefill 1.3 × its seed's");
        Assert.True(Math.Abs((corrected / truth) - 1) <= 0.15,
            $"{name}: corrected {corrected:0.00} req/s (× {correction.Factor:0.###}), emulated slow replica {truth:0.00} req/s");
        Assert.True(Math.Abs((corrected / truth) - 1) < Math.Abs((uncorrected / truth) - 1),
            $"{name}: the seed alone ({uncorrected:0.00} req/s) was no further from {truth:0.00} req/s than the corrected {corrected:0.00}");
        Assert.InRange(applied, Math.Min(corrected, uncorrected), Math.Max(corrected, uncorrected));
    }

    private static (double Itl, double Running) ObserveItl(ReplicaProfile profile, double rate)
    {
        double decodeSeconds = 0, tokens = 0;
        var model = new ReplicaModel(profile, o =>
        {
            decodeSeconds += o.FinishedSeconds - o.FirstTokenSeconds;
            tokens += o.OutputTokens - 1;
        });
        var random = new Random(11);
        var t = 0.0;
        double runningSum = 0;
        var samples = 0;
        for (var id = 0; id < 2_000; id++)
        {
            t += -Math.Log(1 - random.NextDouble()) / rate;
            model.Submit(new RequestArrival(id, t, 230, 200));
            model.AdvanceTo(t);
            runningSum += model.Running;
            samples++;
        }

        model.AdvanceTo(t + 600);
        return (decodeSeconds / tokens, runningSum / samples);
    }
}
