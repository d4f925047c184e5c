using Autoscale.VllmEmulator.Model;

namespace Autoscale.VllmEmulator.Tests.Model;

public sealed class ReplicaModelTests
{
    [Fact]
    public void Single_request_takes_one_prefill_step_then_one_decode_step_per_remaining_token()
    {
        var profile = ReplicaProfiles.Llama31_8B_H100;
        var outcomes = new List<RequestOutcome>();
        var model = new ReplicaModel(profile, outcomes.Add);

        Assert.True(model.Submit(new RequestArrival(1, 0.0, 100, 10)));
        model.AdvanceTo(10);

        var outcome = Assert.Single(outcomes);
        var prefill = profile.StepSeconds(0, 0, 100, ReplicaProfile.ContextPairs(0, 100));
        // Each decode step reads the whole KV so far: 100 prompt tokens, then one more per step.
        var decodes = Enumerable.Range(0, 9).Sum(j => profile.StepSeconds(1, 100 + j, 0, 0));
        Assert.Equal(0.0, outcome.QueueWaitSeconds, 9);
        Assert.Equal(prefill, outcome.TimeToFirstTokenSeconds, 9);
        Assert.Equal(prefill + decodes, outcome.EndToEndSeconds, 9);
        Assert.True(decodes > 9 * profile.StepSeconds(1, 0), "decode cost grows with the context");
        Assert.Equal(10, model.GenerationTokens);
        Assert.Equal(100, model.PromptTokens);
        Assert.Equal(0, model.UsedBlocks);
        Assert.Equal(1, model.Snapshot().TimeToFirstToken.Count);
    }

    [Theory]
    [InlineData("llama-3.1-8b-h100")]
    [InlineData("llama-3.1-70b-h100-tp4")]
    public void Isolated_ttft_grows_faster_than_linearly_at_long_prompts(string profileName)
    {
        var profile = ReplicaProfiles.Get(profileName);
        static double Ttft(ReplicaProfile profile, int prompt)
        {
            var outcomes = new List<RequestOutcome>();
            var model = new ReplicaModel(profile, outcomes.Add);
            model.Submit(new RequestArrival(1, 0, prompt, 1));
            model.AdvanceTo(1_000);
            return Assert.Single(outcomes).TimeToFirstTokenSeconds;
        }

        var at4k = Ttft(profile, 4_000);
        var at32k = Ttft(profile, 32_000);
        var at64k = Ttft(profile, 64_000);

        // Linear prefill would give 8× and 2×; attention makes each doubling cost more than double.
        Assert.True(at32k > 8 * 1.15 * at4k, $"{at32k} vs {at4k}");
        Assert.True(at64k > 2 * 1.15 * at32k, $"{at64k} vs {at32k}");
    }

    [Fact]
    public void Decode_steps_slow_down_as_the_context_grows()
    {
        var profile = ReplicaProfiles.Llama31_8B_H100;
        static double Itl(ReplicaProfile profile, int prompt)
        {
            var outcomes = new List<RequestOutcome>();
            var model = new ReplicaModel(profile, outcomes.Add);
            model.Submit(new RequestArrival(1, 0, prompt, 101));
            model.AdvanceTo(1_000);
            var o = Assert.Single(outcomes);
            return (o.FinishedSeconds - o.FirstTokenSeconds) / 100;
        }

        // 12k tokens of Llama-3.1-8B KV (128 KiB each) read at 3.35 TB/s: about 0.5 ms more per step.
        Assert.InRange(Itl(profile, 12_000) - Itl(profile, 100), 0.00040, 0.00055);
    }

    [Fact]
    public void Long_prompt_is_prefilled_in_chunks_of_the_token_budget()
    {
        var profile = ReplicaProfiles.Llama31_8B_A10G;
        var outcomes = new List<RequestOutcome>();
        var model = new ReplicaModel(profile, outcomes.Add);

        model.Submit(new RequestArrival(1, 0.0, 5000, 1));
        model.AdvanceTo(100);

        // 2048 + 2048 + 904 tokens: three steps, and the request finishes with its first token. Later chunks attend
        // to the earlier ones, so they cost more.
        var expected = profile.StepSeconds(0, 0, 2048, ReplicaProfile.ContextPairs(0, 2048))
                       + profile.StepSeconds(0, 0, 2048, ReplicaProfile.ContextPairs(2048, 2048))
                       + profile.StepSeconds(0, 0, 904, ReplicaProfile.ContextPairs(4096, 904));
        Assert.Equal(expected, Assert.Single(outcomes).TimeToFirstTokenSeconds, 9);
        Assert.Equal(3, model.Steps);
    }

    [Fact]
    public void Running_never_exceeds_max_num_seqs_and_the_rest_waits()
    {
        var profile = ReplicaProfiles.Llama31_8B_A10G;
        var model = new ReplicaModel(profile);
        for (var i = 0; i < 300; i++)
        {
            model.Submit(new RequestArrival(i, 0.0, 4, 1000));
        }

        model.AdvanceTo(1.0);

        Assert.Equal(profile.MaxNumSeqs, model.Running);
        Assert.Equal(300 - profile.MaxNumSeqs, model.Waiting);
    }

    [Fact]
    public void Admission_waits_while_the_kv_cache_is_full_and_preempts_instead_of_overflowing()
    {
        var profile = ReplicaProfiles.Llama31_8B_A10G;
        var model = new ReplicaModel(profile);
        // 40 requests that each grow to 8,000 tokens cannot all fit in 24,000 tokens.
        for (var i = 0; i < 40; i++)
        {
            model.Submit(new RequestArrival(i, i * 0.01, 4000, 4000));
        }

        var sawWaitingWithFreeSeqSlots = false;
        for (var t = 0.5; t < 20_000 && model.Finished < 40; t += 0.5)
        {
            model.AdvanceTo(t);
            Assert.InRange(model.UsedBlocks, 0, model.TotalBlocks);
            Assert.InRange(model.KvCacheUsage, 0.0, 1.0);
            sawWaitingWithFreeSeqSlots |= model.Waiting > 0 && model.Running < profile.MaxNumSeqs;
        }

        Assert.True(sawWaitingWithFreeSeqSlots);
        Assert.True(model.Preemptions > 0);
        Assert.Equal(40, model.Finished);
        Assert.Equal(0, model.UsedBlocks);
        Assert.Equal(40L * 4000, model.GenerationTokens);
    }

    [Theory]
    [InlineData("llama-3.1-8b-a10g")]
    [InlineData("llama-3.1-8b-h100")]
    [InlineData("llama-3.1-70b-h100-tp4")]
    public void Requests_are_conserved_and_kv_stays_within_capacity_under_random_load(string profileName)
    {
        var profile = ReplicaProfiles.Get(profileName);
        var outcomes = new List<RequestOutcome>();
        var model = new ReplicaModel(profile, outcomes.Add);
        var random = new Random(42);
        var t = 0.0;
        long id = 0;
        while (t < 120)
        {
            t += random.NextDouble() * 0.02;
            model.Submit(new RequestArrival(id++, t, 1 + random.Next(3000), 1 + random.Next(800)));
            if (id % 50 == 0)
            {
                model.AdvanceTo(t);
                Assert.Equal(model.Arrived, model.Waiting + model.Running + model.Finished);
                Assert.InRange(model.UsedBlocks, 0, model.TotalBlocks);
            }
        }

        model.AdvanceTo(100_000);

        Assert.Equal(id, model.Arrived);
        Assert.Equal(id, model.Finished);
        Assert.Equal(0, model.Running + model.Waiting);
        Assert.Equal(0, model.UsedBlocks);
        Assert.All(outcomes, o =>
        {
            Assert.True(o.QueueWaitSeconds >= 0);
            Assert.True(o.TimeToFirstTokenSeconds >= o.QueueWaitSeconds);
            Assert.True(o.EndToEndSeconds >= o.TimeToFirstTokenSeconds);
        });
        Assert.Equal(outcomes.Sum(o => (long)o.OutputTokens), model.GenerationTokens);
        Assert.Equal(outcomes.Sum(o => (long)o.PromptTokens), model.PromptTokens);
        Assert.Equal(id, model.Snapshot().TimeToFirstToken.Count);
    }

    [Theory]
    [InlineData("llama-3.1-8b-a10g")]
    [InlineData("llama-3.1-8b-h100")]
    [InlineData("llama-3.1-70b-h100-tp4")]
    public void Saturated_output_throughput_is_within_the_published_range(string profileName)
    {
        var profile = ReplicaProfiles.Get(profileName);
        var model = new ReplicaModel(profile);
        // A ShareGPT-like load (vLLM benchmark runs average about 230 prompt and 200 output tokens), far more than
        // the replica can serve, so that the queue never empties.
        for (var i = 0; i < 40_000; i++)
        {
            model.Submit(new RequestArrival(i, 0, 230, 200));
        }

        model.AdvanceTo(30);
        var tokensAt30 = model.GenerationTokens;
        model.AdvanceTo(90);
        var throughput = (model.GenerationTokens - tokensAt30) / 60.0;

        Assert.True(model.Waiting > 0, "the load must saturate the replica");
        Assert.True(
            profile.CitedSaturationOutputTokensPerSecond.Contains(throughput),
            $"{profile.Name}: {throughput:F0} tok/s outside {profile.CitedSaturationOutputTokensPerSecond}");
    }

    [Fact]
    public void Same_input_gives_the_same_outcomes()
    {
        static List<RequestOutcome> Run()
        {
            var outcomes = new List<RequestOutcome>();
            var model = new ReplicaModel(ReplicaProfiles.Llama31_8B_A10G, outcomes.Add);
            var random = new Random(7);
            for (var i = 0; i < 2000; i++)
            {
                model.Submit(new RequestArrival(i, i * 0.05, 1 + random.Next(4000), 1 + random.Next(500)));
            }

            model.AdvanceTo(10_000);
            return outcomes;
        }

        Assert.Equal(Run(), Run());
    }

    [Fact]
    public void Too_long_requests_are_rejected_like_vllm_400()
    {
        var model = new ReplicaModel(ReplicaProfiles.Llama31_8B_A10G);

        Assert.False(model.Submit(new RequestArrival(1, 0, 16_000, 1_000)));
        Assert.Equal(1, model.Rejected);
        Assert.Equal(0, model.Pending);
    }

    [Fact]
    public void Requests_arriving_later_are_not_served_before_they_arrive()
    {
        var outcomes = new List<RequestOutcome>();
        var model = new ReplicaModel(ReplicaProfiles.Llama31_8B_H100, outcomes.Add);
        model.Submit(new RequestArrival(1, 5.0, 10, 2));

        model.AdvanceTo(4.0);
        Assert.Equal(1, model.Pending);
        Assert.Equal(0, model.Arrived);

        model.AdvanceTo(6.0);
        Assert.Equal(5.0, Assert.Single(outcomes).FirstScheduledSeconds);
    }

    [Fact]
    public void Skipping_time_pauses_the_engine()
    {
        var outcomes = new List<RequestOutcome>();
        var model = new ReplicaModel(ReplicaProfiles.Llama31_8B_H100, outcomes.Add);
        model.Submit(new RequestArrival(1, 0.0, 10, 2));

        model.SkipTo(3.0);
        Assert.Equal(1, model.Waiting);
        model.AdvanceTo(4.0);

        Assert.Equal(3.0, Assert.Single(outcomes).QueueWaitSeconds, 9);
    }

    [Fact]
    public void Request_token_histograms_observe_each_finished_request_once_preempted_or_not()
    {
        var outcomes = new List<RequestOutcome>();
        var model = new ReplicaModel(ReplicaProfiles.Llama31_8B_A10G, outcomes.Add);
        var random = new Random(7);
        for (var i = 0; i < 300; i++)
        {
            model.Submit(new RequestArrival(i, i * 0.1, 200 + random.Next(3000), 50 + random.Next(600)));
        }

        model.AdvanceTo(20);
        var midRun = model.Snapshot();
        Assert.True(model.Running > 0 && model.Preemptions > 0, "requests in flight, some preempted");
        Assert.Equal(outcomes.Count, midRun.RequestPromptTokens!.Count);
        Assert.Equal(outcomes.Sum(o => (double)o.PromptTokens), midRun.RequestPromptTokens.Sum);
        Assert.Equal(outcomes.Count, midRun.RequestGenerationTokens!.Count);
        Assert.Equal(outcomes.Sum(o => (double)o.OutputTokens), midRun.RequestGenerationTokens.Sum);
        Assert.Equal(VllmBuckets.RequestTokens(16_384), midRun.RequestPromptTokens.UpperBounds);
        Assert.Equal(outcomes.Count(o => o.OutputTokens <= 100), midRun.RequestGenerationTokens.CountAtOrBelow(100));
        Assert.Equal(outcomes.Count(o => o.PromptTokens <= 1000), midRun.RequestPromptTokens.CountAtOrBelow(1000));
    }
}
