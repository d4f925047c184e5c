using Autoscale.VllmEmulator.Model;

namespace Autoscale.VllmEmulator.Tests.Model;

public sealed class PrefixCachingTests
{
    private static RequestArrival Request(long id, double at, int prompt, int output, params long[] hashes) =>
        new(id, at, prompt, output) { PrefixHashes = hashes, PrefixBlockTokens = 512 };

    [Fact]
    public void A_shared_prefix_is_not_computed_again_and_counts_as_hits()
    {
        var outcomes = new List<RequestOutcome>();
        var model = new ReplicaModel(ReplicaProfiles.Llama31_8B_H100, outcomes.Add);

        // Two 2,000-token prompts whose first three 512-token blocks are equal (a shared system prompt + history).
        model.Submit(Request(1, 0, 2000, 5, 10, 11, 12, 13));
        model.Submit(Request(2, 10, 2000, 5, 10, 11, 12, 99));
        model.AdvanceTo(20);

        Assert.Equal(2, outcomes.Count);
        Assert.Equal(0, outcomes[0].CachedPromptTokens);
        Assert.Equal(1536, outcomes[1].CachedPromptTokens);
        Assert.Equal(2000 + (2000 - 1536), model.PrefillComputedTokens);
        Assert.Equal(4000, model.PrefixCacheQueries);
        Assert.Equal(1536, model.PrefixCacheHits);
        Assert.True(outcomes[1].TimeToFirstTokenSeconds < outcomes[0].TimeToFirstTokenSeconds / 2);
        // vLLM counts the whole prompt as prompt tokens either way.
        Assert.Equal(4000, model.PromptTokens);
    }

    [Fact]
    public void An_identical_prompt_still_computes_its_last_token()
    {
        var outcomes = new List<RequestOutcome>();
        var model = new ReplicaModel(ReplicaProfiles.Llama31_8B_H100, outcomes.Add);

        model.Submit(Request(1, 0, 1024, 2, 7, 8));
        model.Submit(Request(2, 10, 1024, 2, 7, 8));
        model.AdvanceTo(20);

        // 1,023 tokens are reusable, rounded down to whole 16-token KV blocks: 1,008.
        Assert.Equal(1008, outcomes[1].CachedPromptTokens);
    }

    [Fact]
    public void Without_shared_prefixes_caching_changes_nothing()
    {
        static (List<RequestOutcome> Outcomes, long Prefill, long Preemptions) Run(ReplicaProfile profile, bool withHashes, double spacing)
        {
            var outcomes = new List<RequestOutcome>();
            var model = new ReplicaModel(profile, outcomes.Add);
            var random = new Random(3);
            for (var i = 0; i < 1000; i++)
            {
                var prompt = 1 + random.Next(4000);
                var blocks = (prompt + 511) / 512;
                // Every request's blocks are its own: chained hashes never repeat across requests.
                var hashes = withHashes ? Enumerable.Range(0, blocks).Select(j => ((long)i << 16) | (uint)j).ToArray() : [];
                model.Submit(Request(i, i * spacing, prompt, 1 + random.Next(300), hashes));
            }

            model.AdvanceTo(100_000);
            return (outcomes, model.PrefillComputedTokens, model.Preemptions);
        }

        var a10g = ReplicaProfiles.Llama31_8B_A10G;
        var off = a10g with { EnablePrefixCaching = false };

        // Overloaded, with preemptions: requests without hashes behave exactly as with caching off.
        var overloaded = Run(off, withHashes: false, spacing: 0.02);
        Assert.True(overloaded.Preemptions > 0);
        Assert.Equal(overloaded.Outcomes, Run(a10g, withHashes: false, spacing: 0.02).Outcomes);

        // Busy but not preempting (a preempted request may reuse its own prompt when it is scheduled again, as in
        // vLLM): unique prefixes never hit.
        var h100 = ReplicaProfiles.Llama31_8B_H100;
        var busy = Run(h100 with { EnablePrefixCaching = false }, withHashes: false, spacing: 0.2);
        var unique = Run(h100, withHashes: true, spacing: 0.2);
        Assert.Equal(0, unique.Preemptions);
        Assert.Equal(busy.Outcomes, unique.Outcomes);
        Assert.Equal(busy.Prefill, unique.Prefill);
        Assert.Contains(busy.Outcomes, o => o.QueueWaitSeconds > 0);
    }

    [Fact]
    public void Least_recently_used_prefixes_are_evicted_once_the_kv_capacity_is_rewritten()
    {
        var profile = ReplicaProfiles.Llama31_8B_A10G;
        var outcomes = new List<RequestOutcome>();
        var model = new ReplicaModel(profile, outcomes.Add);
        var t = 0.0;
        model.Submit(Request(0, t, 4096, 1, 1, 2, 3, 4, 5, 6, 7, 8));
        // Then more distinct 4,096-token prompts than the KV cache holds (24,000 tokens), one after another.
        for (var i = 1; i <= 6; i++)
        {
            t += 10;
            model.Submit(Request(i, t, 4096, 1, [.. Enumerable.Range(0, 8).Select(j => (i * 100L) + j)]));
        }

        model.Submit(Request(7, t + 10, 4096, 1, 1, 2, 3, 4, 5, 6, 7, 8));
        // Request 6's prefix is recent: it hits.
        model.Submit(Request(8, t + 20, 4096, 1, [.. Enumerable.Range(0, 8).Select(j => 600L + j)]));
        model.AdvanceTo(t + 100);

        Assert.Equal(0, outcomes.Single(o => o.Id == 7).CachedPromptTokens);
        Assert.Equal(4080, outcomes.Single(o => o.Id == 8).CachedPromptTokens);
    }

    [Theory]
    [InlineData("llama-3.1-8b-a10g", 0.3)]
    [InlineData("llama-3.1-8b-h100", 0.01)]
    public void Requests_are_conserved_and_kv_returns_to_zero_with_shared_prefixes_under_preemption(string profileName, double meanGap)
    {
        var profile = ReplicaProfiles.Get(profileName);
        var outcomes = new List<RequestOutcome>();
        var model = new ReplicaModel(profile, outcomes.Add);
        var random = new Random(11);
        var t = 0.0;
        var id = 0;
        while (t < 300)
        {
            t += random.NextDouble() * 2 * meanGap;
            // Ten conversations: each prompt shares its conversation's first blocks, then has its own.
            var prompt = 600 + random.Next(6000);
            var conversation = random.Next(10);
            var blocks = (prompt + 511) / 512;
            var hashes = Enumerable.Range(0, blocks).Select(j => j < blocks / 2 ? ((long)conversation << 20) | (uint)j : -(((long)id << 20) | (uint)j)).ToArray();
            model.Submit(Request(id++, t, prompt, 1 + random.Next(600), hashes));
            if (id % 25 == 0)
            {
                model.AdvanceTo(t);
                Assert.Equal(model.Arrived, model.Waiting + model.Running + model.Finished);
                Assert.InRange(model.UsedBlocks, 0, model.TotalBlocks);
            }
        }

        model.AdvanceTo(1_000_000);

        Assert.Equal(id, model.Finished);
        Assert.Equal(0, model.UsedBlocks);
        Assert.True(model.Preemptions > 0, "the load must preempt");
        Assert.True(model.PrefixCacheHits > 0);
        Assert.Equal(outcomes.Sum(o => (long)o.OutputTokens), model.GenerationTokens);
        Assert.All(outcomes, o => Assert.InRange(o.CachedPromptTokens, 0, o.PromptTokens - 1));
        Assert.All(outcomes, o => Assert.True(o.EndToEndSeconds >= o.TimeToFirstTokenSeconds && o.TimeToFirstTokenSeconds >= o.QueueWaitSeconds));
    }

    [Fact]
    public void Disabled_prefix_caching_reuses_nothing()
    {
        var outcomes = new List<RequestOutcome>();
        var model = new ReplicaModel(ReplicaProfiles.Llama31_8B_H100 with { EnablePrefixCaching = false }, outcomes.Add);

        model.Submit(Request(1, 0, 2000, 5, 10, 11, 12, 13));
        model.Submit(Request(2, 10, 2000, 5, 10, 11, 12, 13));
        model.AdvanceTo(20);

        Assert.All(outcomes, o => Assert.Equal(0, o.CachedPromptTokens));
        Assert.Equal(4000, model.PrefillComputedTokens);
        Assert.Equal(0, model.PrefixCacheQueries);
    }
}
