using System.Globalization;
using System.Text.Json;
using Autoscale.Hpa;
using Autoscale.ScaleController.Config;
using Autoscale.ScaleController.Decide;
using Autoscale.ScaleController.Decide.Decisions;
using Autoscale.ScaleController.Decide.History;
using Autoscale.ScaleController.Decide.Observed;
using Autoscale.ScaleController.Decide.Planner;
using Autoscale.VllmEmulator.Model;
using static Autoscale.ScaleController.Tests.Decide.Fixtures;

namespace Autoscale.ScaleController.Tests.Decide.Planner;

/// <summary>The planner wired into <see cref="Decider"/>: demand and pods in, the HPA annotations and Event out.</summary>
public sealed class PlannerStepTests
{
    private const double Prompt = 230;
    private const double Output = 200;

    private static readonly ReplicaServiceProfile Seed = EmulatorSeed.From(ReplicaProfiles.Llama31_8B_H100);

    private static readonly PlannerPolicy Planner = new() { Enabled = true, Profile = Seed, Forecast = false };

    /// <summary>One H100 replica's capacity at the SLO for the demand's shape, as the planner computes it.</summary>
    private static readonly double Capacity =
        ReplicaCapacity.Estimate(Seed, PlannerSlo.Default, new DemandShape(Prompt, Output, PlannerPolicy.Off.PromptCv, PlannerPolicy.Off.OutputCv)).RequestsPerSecond;

    private static WorkloadDemand Demand(double rate, DateTimeOffset? at = null, double waiting = 0, double? itl = null, double running = 0, int pods = 2) =>
        new(at ?? Now.AddSeconds(-10), pods, rate, rate, rate * Prompt, rate * Output, Waiting: waiting, Running: running,
            InterTokenLatencySeconds: itl, WindowSeconds: 30);

    private static ObservedWorkload Seen(WorkloadDemand? demand, ObservedHpa? hpa = null, params ObservedPod[] pods) =>
        Observed(hpa: hpa ?? HpaOf(), pods: pods.Length > 0 ? pods : [Ready("a", 0, 10, 60), Ready("b", 0, 10, 60)]) with { Demand = demand };

    private static DecideOutput Run(
        ObservedWorkload workload, DateTimeOffset? at = null, PlannerPolicy? planner = null, IReadOnlyDictionary<WorkloadRef, string>? memory = null) =>
        Decider.Decide(new DecideInput(
            ConfigOf(Workload(policy: WorkloadPolicy.Default with { Planner = planner ?? Planner })),
            Cluster(workload),
            new Dictionary<WorkloadRef, ColdStartHistory>(),
            at ?? Now,
            memory));

    private static PublishRecommendation? Published(DecideOutput output) => output.Decisions.OfType<PublishRecommendation>().SingleOrDefault();

    /// <summary>The HPA as Act leaves it: the decision's annotations merged in.</summary>
    private static ObservedHpa Applied(ObservedHpa hpa, PublishRecommendation? publish) =>
        publish is null ? hpa : hpa with { Annotations = hpa.Annotations.Concat(publish.Annotations).GroupBy(a => a.Key).ToDictionary(g => g.Key, g => g.Last().Value) };

    private static int Needed(double rate) => (int)Math.Ceiling((rate / Capacity) - 1e-9);

    [Fact]
    public void Publishes_the_smallest_count_covering_demand_with_the_annotation_the_adapter_serves_and_an_event()
    {
        var publish = Published(Run(Seen(Demand(100))))!;

        Assert.Equal(Needed(100), publish.Replicas);
        Assert.True(Needed(100) >= 3, "the demand needs more than the two replicas ready");
        using var value = JsonDocument.Parse(publish.Annotations[PublishRecommendation.DesiredReplicasAnnotation]);
        Assert.Equal(Needed(100), value.RootElement.GetProperty("replicas").GetInt32());
        Assert.Equal("2025-11-24T12:00:00.000Z", value.RootElement.GetProperty("at").GetString());
        Assert.Contains("demand 100 req/s", value.RootElement.GetProperty("reason").GetString(), StringComparison.Ordinal);
        Assert.Equal((KubernetesEventType.Normal, "DesiredReplicas"), (publish.Event!.Type, publish.Event.Reason));
        Assert.StartsWith(string.Create(CultureInfo.InvariantCulture, $"none → {Needed(100)}: demand 100 req/s, no forecast, capacity "), publish.Event.Message, StringComparison.Ordinal);
        Assert.Contains("2 ready, 0 starting", publish.Event.Message, StringComparison.Ordinal);
        Assert.Contains("correction × 1", publish.Event.Message, StringComparison.Ordinal);
        Assert.True(publish.Annotations.ContainsKey(PublishRecommendation.PlannerStateAnnotation));
        using var status = JsonDocument.Parse(publish.Annotations[PublishRecommendation.StatusAnnotation]);
        Assert.Equal(Needed(100), status.RootElement.GetProperty("replicas").GetInt32());
        Assert.Equal("max-seqs", status.RootElement.GetProperty("bound").GetString());
    }

    [Fact]
    public void Missing_demand_publishes_no_number_and_says_why_once_when_it_stops()
    {
        var serving = Published(Run(Seen(Demand(100))))!;
        var hpa = Applied(HpaOf(), serving);

        var stopped = Published(Run(Seen(null, hpa), Now.AddSeconds(15)))!;

        Assert.Null(stopped.Replicas);
        Assert.False(stopped.Annotations.ContainsKey(PublishRecommendation.DesiredReplicasAnnotation));
        Assert.Equal("no demand observation", stopped.Reason);
        Assert.Equal((KubernetesEventType.Warning, "DesiredReplicasNotServed"), (stopped.Event!.Type, stopped.Event.Reason));

        // Said once: the next round, and the next few minutes, write nothing (the old number goes stale on its own).
        var after = Applied(hpa, stopped);
        Assert.Null(Published(Run(Seen(null, after), Now.AddSeconds(30))));
        Assert.Null(Published(Run(Seen(null, after), Now.AddSeconds(15 + PlannerStep.PersistSeconds - 1))));
        var persisted = Published(Run(Seen(null, after), Now.AddSeconds(15 + PlannerStep.PersistSeconds)))!;
        Assert.Null(persisted.Event);
        Assert.Null(persisted.Replicas);
    }

    [Theory]
    [InlineData(91)]
    [InlineData(600)]
    public void Stale_demand_publishes_no_number(int ageSeconds)
    {
        var publish = Published(Run(Seen(Demand(100, Now.AddSeconds(-ageSeconds)))))!;

        Assert.Null(publish.Replicas);
        Assert.False(publish.Annotations.ContainsKey(PublishRecommendation.DesiredReplicasAnnotation));
        Assert.StartsWith("demand is stale", publish.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void The_request_shape_comes_from_the_adapters_window_means_when_the_rate_window_saw_no_completion()
    {
        // The last two scrapes saw nothing finish, but the adapter's minute did (its vllm_mean_prompt_tokens /
        // vllm_mean_output_tokens: 60 requests at 1 req/s), so the planner knows the shape and sizes for the demand.
        var demand = new WorkloadDemand(Now.AddSeconds(-10), 2, 1, 0, 0, 0) { WindowMeanPromptTokens = Prompt, WindowMeanOutputTokens = Output };

        var publish = Published(Run(Seen(demand)))!;

        Assert.Equal(Needed(1), publish.Replicas);
        using var status = JsonDocument.Parse(publish.Annotations[PlannerStatus.Annotation]);
        Assert.Equal(Prompt, status.RootElement.GetProperty("meanPromptTokens").GetDouble());
        Assert.Equal(Output, status.RootElement.GetProperty("meanOutputTokens").GetDouble());
    }

    [Fact]
    public void Length_spreads_the_adapter_serves_replace_the_configured_ones_and_change_the_capacity()
    {
        // The same minute of demand, once without spreads (the configured lengths.promptCv / outputCv size it) and once
        // with the adapter's vllm_stddev_* (answers spread twice as wide: long answers hold KV longer, the capacity
        // per replica falls).
        var plain = new WorkloadDemand(Now.AddSeconds(-10), 2, 5, 0, 0, 0) { WindowMeanPromptTokens = Prompt, WindowMeanOutputTokens = Output };
        var spread = plain with { WindowPromptTokensStandardDeviation = 0.5 * Prompt, WindowOutputTokensStandardDeviation = 2 * Output };

        using var configured = JsonDocument.Parse(Published(Run(Seen(plain)))!.Annotations[PlannerStatus.Annotation]);
        using var learnt = JsonDocument.Parse(Published(Run(Seen(spread)))!.Annotations[PlannerStatus.Annotation]);

        Assert.Equal((Planner.PromptCv, Planner.OutputCv), (configured.RootElement.GetProperty("promptCv").GetDouble(), configured.RootElement.GetProperty("outputCv").GetDouble()));
        Assert.Equal(0.5, learnt.RootElement.GetProperty("promptCv").GetDouble(), 6);
        Assert.Equal(2.0, learnt.RootElement.GetProperty("outputCv").GetDouble(), 6);
        Assert.True(learnt.RootElement.GetProperty("capacityPerReplica").GetDouble() < configured.RootElement.GetProperty("capacityPerReplica").GetDouble());
    }

    [Fact]
    public void A_learnt_spread_is_smoothed_over_windows_and_capped()
    {
        // Windows read 0.5 and then 1.5 × the mean: the second moment is smoothed by completions (5 req/s over 10 s
        // against 200), so the spread moves part of the way; a window whose few huge requests read 10 × is held at 4.
        var first = new WorkloadDemand(Now.AddSeconds(-10), 2, 5, 0, 0, 0) { WindowMeanPromptTokens = Prompt, WindowMeanOutputTokens = Output, WindowOutputTokensStandardDeviation = 0.5 * Output };
        var round1 = Run(Seen(first));
        var round2 = Run(Seen(first with { ObservedAt = Now, WindowOutputTokensStandardDeviation = 1.5 * Output }), at: Now.AddSeconds(10), memory: round1.Planner);
        using var moved = JsonDocument.Parse(Published(round2)!.Annotations[PlannerStatus.Annotation]);
        var weight = 1 - Math.Exp(-50.0 / PlannerStep.ShapeSmoothingRequests);
        Assert.Equal(Math.Sqrt(0.25 + (weight * (2.25 - 0.25))), moved.RootElement.GetProperty("outputCv").GetDouble(), 4);

        var wild = Run(Seen(first with { WindowOutputTokensStandardDeviation = 10 * Output }));
        using var capped = JsonDocument.Parse(Published(wild)!.Annotations[PlannerStatus.Annotation]);
        Assert.Equal(PlannerStep.MaxLearntCv, capped.RootElement.GetProperty("outputCv").GetDouble());
    }

    [Fact]
    public void A_shape_resting_on_few_completions_sizes_nothing_until_it_rests_on_enough()
    {
        // A fleet's first round: 10 completions in a 2-s window, their tokens biased by requests still in flight.
        var first = new WorkloadDemand(Now.AddSeconds(-10), 2, 5, 5, 5 * 2_500, 5 * 700, WindowSeconds: 2);
        var round1 = Run(Seen(first));
        Assert.Equal("no capacity per replica", Published(round1)!.Reason);

        // The adapter's window means arrive (a minute of completions at 5 req/s): they replace the ratio's shape at
        // once instead of being smoothed into it, and size the workload.
        var memory = round1.Planner;
        var windowed = new WorkloadDemand(Now, 2, 5, 0, 0, 0, WindowSeconds: 2) { WindowMeanPromptTokens = Prompt, WindowMeanOutputTokens = Output };
        var round2 = Run(Seen(windowed), at: Now.AddSeconds(10), memory: memory);

        Assert.Equal(Needed(5), Published(round2)!.Replicas);
        using var status = JsonDocument.Parse(Published(round2)!.Annotations[PlannerStatus.Annotation]);
        Assert.Equal(Prompt, status.RootElement.GetProperty("meanPromptTokens").GetDouble());
    }

    [Fact]
    public void Demand_without_a_known_request_shape_publishes_no_number()
    {
        // Nothing completed in the window: prompt and output lengths are unknown, so is the capacity per replica.
        var demand = new WorkloadDemand(Now.AddSeconds(-10), 2, 5, 0, 0, 0);

        var publish = Published(Run(Seen(demand)))!;

        Assert.Null(publish.Replicas);
        Assert.Equal("no capacity per replica", publish.Reason);
    }

    [Fact]
    public void A_burst_during_a_cold_start_never_asks_for_more_than_the_burst_needs()
    {
        // Two replicas ready, then 8× the traffic: the planner asks for what the burst needs while replicas start and
        // the queue piles up (the HPA on queue depth would read backlog ÷ target and ask for the cap).
        const double Burst = 300;
        var hpa = HpaOf();
        IReadOnlyDictionary<WorkloadRef, string>? memory = null;
        var asked = new List<int>();
        for (var tick = 0; tick < 20; tick++)
        {
            var at = Now.AddSeconds(15 * tick);
            var starting = Math.Min(tick, Needed(Burst) - 2);
            var pods = new List<ObservedPod> { Ready("a", 0, 10, 60), Ready("b", 0, 10, 60) };
            pods.AddRange(Enumerable.Range(0, starting).Select(i => new ObservedPod($"new-{i}", at.AddSeconds(-15 * (tick - i)), Scheduled: at.AddSeconds(-10))));
            var demand = Demand(Burst, at.AddSeconds(-5), waiting: 400 * tick, running: 2 * 256);

            var output = Run(Seen(demand, hpa, [.. pods]), at, memory: memory);

            memory = output.Planner;
            var publish = Published(output);
            hpa = Applied(hpa, publish);
            asked.Add(DesiredReplicasValue.Decode(hpa.Annotations[PublishRecommendation.DesiredReplicasAnnotation])!.Replicas);
        }

        Assert.All(asked, n => Assert.Equal(Needed(Burst), n));
    }

    [Fact]
    public void An_unchanged_number_is_refreshed_before_it_goes_stale_without_an_event()
    {
        var first = Published(Run(Seen(Demand(100))))!;
        var hpa = Applied(HpaOf(), first);

        Assert.Null(Published(Run(Seen(Demand(100, Now.AddSeconds(5)), hpa), Now.AddSeconds(PlannerStep.RefreshSeconds - 1))));
        var refreshed = Published(Run(Seen(Demand(100, Now.AddSeconds(20)), hpa), Now.AddSeconds(PlannerStep.RefreshSeconds)))!;

        Assert.Equal(first.Replicas, refreshed.Replicas);
        Assert.Null(refreshed.Event);
        Assert.Equal(
            "2025-11-24T12:00:30.000Z",
            DesiredReplicasValue.Decode(refreshed.Annotations[PublishRecommendation.DesiredReplicasAnnotation]) is { } v ? PlannerTime.Format(v.At) : null);
    }

    [Fact]
    public void A_changed_number_is_published_at_once_with_an_event_from_the_old_one()
    {
        var first = Published(Run(Seen(Demand(100))))!;
        var hpa = Applied(HpaOf(), first);

        var changed = Published(Run(Seen(Demand(200, Now.AddSeconds(5)), hpa), Now.AddSeconds(10)))!;

        // Demand now is smoothed over a minute: a doubling 15 s later moves the number at once, part of the way.
        Assert.InRange(changed.Replicas!.Value, first.Replicas!.Value + 1, Needed(200));
        Assert.StartsWith(string.Create(CultureInfo.InvariantCulture, $"{first.Replicas} → {changed.Replicas}: "), changed.Event!.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(8, 0, 0.3, 1)] // no backlog: the ITL says how fast the replicas are, it is folded in
    [InlineData(8, 160, 0.3, 0)] // 20 waiting per pod: the ITL carries preemptions and full prefill chunks, skipped
    [InlineData(8, 0, 6.0, 0)] // none waiting now, but the window's mean TTFT (6 s, floor 2 s) shows a queue it drained
    [InlineData(2, 0, 0.3, 0)] // 50 prompts a second per pod: prefill takes a third of engine time, the ITL says little
    public void The_capacity_correction_learns_only_from_windows_without_a_backlog_and_with_little_prefill(int pods, double waiting, double ttft, int observations)
    {
        var output = Run(Seen(Demand(100, itl: 0.2, running: 120, waiting: waiting, pods: pods) with { TimeToFirstTokenSeconds = ttft }));

        var state = PlannerStateCodec.Decode(output.Planner![Qwen], ForecastOptions.Default);
        Assert.Equal(observations, state.Correction.Observations);
    }

    [Theory]
    [InlineData(8, 0, 1)] // 12.5 prompts a second per pod, none waiting: the TTFT is mostly service, folded in
    [InlineData(8, 160, 0)] // 20 waiting per pod: the TTFT carries the queue, skipped
    [InlineData(1, 0, 0)] // 100 prompts a second on one pod: prefill takes over 15 % of engine time, skipped
    public void The_prefill_correction_learns_from_the_ttft_only_without_a_queue_and_with_little_prefill(int pods, double waiting, int observations)
    {
        var shape = new DemandShape(Prompt, Output, Planner.PromptCv, Planner.OutputCv);
        var parts = ReplicaCapacity.TtftParts(Seed, shape, 120.0 / pods, 100.0 / pods, pods)!.Value;
        var ttft = parts.Steps + (1.5 * parts.Prefill);

        var output = Run(Seen(Demand(100, running: 120, waiting: waiting, pods: pods) with { TimeToFirstTokenSeconds = ttft }));

        var state = PlannerStateCodec.Decode(output.Planner![Qwen], ForecastOptions.Default);
        Assert.Equal(observations, state.Prefill.Observations);
        Assert.Equal(observations > 0 ? 1.5 : 1, state.Prefill.Factor, 3);
    }

    [Theory]
    [InlineData(double.NaN)]
    [InlineData(double.PositiveInfinity)]
    [InlineData(-1.0)]
    [InlineData(0.0)]
    [InlineData(1e-9)] // below the decode steps alone: no prefill part to learn from
    [InlineData(1e12)] // a window whose TTFT is all queue: over the guard's share
    public void A_ttft_that_says_nothing_about_prefill_is_ignored_and_the_number_still_published(double ttft)
    {
        var output = Run(Seen(Demand(100, running: 120, pods: 8) with { TimeToFirstTokenSeconds = ttft }));

        var state = PlannerStateCodec.Decode(output.Planner![Qwen], ForecastOptions.Default);
        Assert.Equal(CapacityCorrection.None, state.Prefill);
        Assert.NotNull(Published(output)?.Replicas);
    }

    [Fact]
    public void A_seed_that_thinks_prefill_slower_than_it_is_still_learns_from_windows_the_pods_show_light()
    {
        // The pods prefill as Seed says; the planner's seed thinks prompts 1.9 × as costly, so that by the seed the
        // window's prefill takes more than the guard's share of engine time, by what the pods show less.
        var shape = new DemandShape(Prompt, Output, Planner.PromptCv, Planner.OutputCv);
        var perPod = 100.0 / 8;
        var share = perPod * ReplicaCapacity.PrefillMoments(Seed, shape).Mean;
        const double k = 1.9;
        Assert.True(share < PlannerStep.MaxPrefillShareForTtft && k * share > PlannerStep.MaxPrefillShareForTtft, $"the pods' share {share:0.###}");
        var pessimistic = Seed with { PrefillSecondsPerToken = Seed.PrefillSecondsPerToken * k };
        var parts = ReplicaCapacity.TtftParts(Seed, shape, 120.0 / 8, perPod, 8)!.Value;

        var output = Run(
            Seen(Demand(100, running: 120, pods: 8) with { TimeToFirstTokenSeconds = parts.Steps + parts.Prefill }),
            planner: Planner with { Profile = pessimistic });

        var state = PlannerStateCodec.Decode(output.Planner![Qwen], ForecastOptions.Default);
        Assert.Equal(1, state.Prefill.Observations);
        Assert.InRange(state.Prefill.Factor, 0.9 / k, 1.1 / k);
    }

    [Theory]
    [InlineData(1.5, 1.4)] // beyond the TTFT model's own error: applied less that error
    [InlineData(1.06, 1.0)] // within it: not applied
    [InlineData(0.7, 0.8)]
    public void The_prefill_correction_is_applied_beyond_the_models_own_error_and_shown(double learnt, double applied)
    {
        var shape = new DemandShape(Prompt, Output, Planner.PromptCv, Planner.OutputCv);
        var parts = ReplicaCapacity.TtftParts(Seed, shape, 120.0 / 8, 100.0 / 8, 8)!.Value;

        var publish = Published(Run(Seen(Demand(100, running: 120, pods: 8) with { TimeToFirstTokenSeconds = parts.Steps + (learnt * parts.Prefill) })))!;

        Assert.Equal(applied, PlannerStep.AppliedPrefill(PlannerState.Empty with { PrefillCorrection = new CapacityCorrection(learnt, 1) }), 9);
        using var status = JsonDocument.Parse(publish.Annotations[PublishRecommendation.StatusAnnotation]);
        Assert.Equal(learnt, status.RootElement.GetProperty("prefillCorrection").GetDouble(), 3);
        Assert.Equal(applied, status.RootElement.GetProperty("prefillApplied").GetDouble(), 3);
        var shown = applied == learnt
            ? string.Create(CultureInfo.InvariantCulture, $"× {learnt:0.###} prefill)")
            : string.Create(CultureInfo.InvariantCulture, $"× {learnt:0.###} prefill applied as × {applied:0.###})");
        Assert.Contains(shown, publish.Event!.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Demand_now_is_smoothed_so_noisy_windows_do_not_move_the_number_and_a_lasting_change_is_followed()
    {
        // Rounds 10 s apart whose windows read 60 and 140 req/s in turn (mean 100): the number stays near 100's.
        IReadOnlyDictionary<WorkloadRef, string>? memory = null;
        var numbers = new List<int>();
        for (var i = 0; i < 30; i++)
        {
            var at = Now.AddSeconds(10 * i);
            var output = Run(Seen(Demand(i % 2 == 0 ? 60 : 140, at.AddSeconds(-1))), at, memory: memory);
            memory = output.Planner;
            numbers.Add(PlannerStateCodec.Decode(memory![Qwen], ForecastOptions.Default).LastReplicas!.Value);
        }

        Assert.All(numbers.Skip(10), n => Assert.InRange(n, Needed(85), Needed(120)));

        // Then 200 req/s for five minutes: followed to what it needs.
        for (var i = 30; i < 60; i++)
        {
            var at = Now.AddSeconds(10 * i);
            memory = Run(Seen(Demand(200, at.AddSeconds(-1))), at, memory: memory).Planner;
        }

        Assert.Equal(Needed(200), PlannerStateCodec.Decode(memory![Qwen], ForecastOptions.Default).LastReplicas);
    }

    [Fact]
    public void A_sample_the_adapter_repeats_is_folded_in_once()
    {
        var planner = Planner with { Forecast = true };
        var sample = Demand(100, itl: 0.05, running: 120, pods: 8);
        var once = Run(Seen(sample), planner: planner);

        var twice = Run(Seen(sample), Now.AddSeconds(15), planner, once.Planner);

        var state = PlannerStateCodec.Decode(twice.Planner![Qwen], ForecastOptions.Default);
        Assert.Equal(1, state.Correction.Observations);
        Assert.Equal(30, state.Forecast.OpenSeconds);
        Assert.Equal(sample.ObservedAt, state.LastObservedAt);
        var next = Run(Seen(sample with { ObservedAt = sample.ObservedAt.AddSeconds(5) }), Now.AddSeconds(30), planner, twice.Planner);
        var after = PlannerStateCodec.Decode(next.Planner![Qwen], ForecastOptions.Default);
        Assert.Equal((2, 35.0), (after.Correction.Observations, after.Forecast.OpenSeconds));
    }

    [Fact]
    public void Replicas_slower_than_their_seed_are_sized_for_less_each_with_the_correction_shown()
    {
        // The fleet reports an ITL 25 % above what the seed predicts at its batch: each replica is worth less.
        const double Rate = 100;
        const double Running = 2 * 60;
        var shape = new DemandShape(Prompt, Output, PlannerPolicy.Off.PromptCv, PlannerPolicy.Off.OutputCv);
        const int Pods = 8;
        var slower = 1.25 * ReplicaCapacity.PredictedItlSeconds(Seed, shape, Running / Pods, Rate / Pods);
        IReadOnlyDictionary<WorkloadRef, string>? memory = null;
        PublishRecommendation? last = null;
        var hpa = HpaOf();
        for (var tick = 0; tick < 40; tick++)
        {
            var output = Run(Seen(Demand(Rate, Now.AddSeconds((15 * tick) - 5), itl: slower, running: Running, pods: Pods), hpa), Now.AddSeconds(15 * tick), memory: memory);
            memory = output.Planner;
            last = Published(output) ?? last;
            hpa = Applied(hpa, Published(output));
        }

        var state = PlannerStateCodec.Decode(memory![Qwen], ForecastOptions.Default);
        Assert.InRange(state.Correction.Factor, 1.2, 1.3);
        var corrected = ReplicaCapacity.Estimate(Seed, PlannerSlo.Default, shape, state.Correction.Factor).RequestsPerSecond;
        Assert.True(corrected < 0.9 * Capacity, $"{corrected} vs {Capacity}");
        using var status = JsonDocument.Parse(hpa.Annotations[PublishRecommendation.StatusAnnotation]);
        Assert.InRange(status.RootElement.GetProperty("correction").GetDouble(), 1.2, 1.3);
        Assert.Equal((int)Math.Ceiling(Rate / corrected), status.RootElement.GetProperty("replicas").GetInt32());
    }

    [Fact]
    public void A_restarted_controller_resumes_from_the_hpa_annotation()
    {
        var planner = Planner with { Forecast = true };
        var first = Run(Seen(Demand(100)), planner: planner);
        var hpa = Applied(HpaOf(), Published(first));

        var fromMemory = Run(Seen(Demand(100, Now.AddSeconds(20)), hpa), Now.AddSeconds(30), planner, first.Planner);
        var fromAnnotation = Run(Seen(Demand(100, Now.AddSeconds(20)), hpa), Now.AddSeconds(30), planner, memory: null);

        Assert.Equal(fromMemory.Planner![Qwen], fromAnnotation.Planner![Qwen]);
    }

    [Fact]
    public void The_planner_off_writes_nothing()
    {
        var output = Run(Seen(Demand(100)), planner: PlannerPolicy.Off);

        Assert.Null(Published(output));
        Assert.Empty(output.Planner!);
    }
}
