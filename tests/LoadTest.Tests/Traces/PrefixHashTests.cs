using Autoscale.LoadTest.Traces;

namespace Autoscale.LoadTest.Tests;

public sealed class PrefixHashTests
{
    [Fact]
    public void Mooncake_hash_ids_are_read_as_512_token_prefix_blocks()
    {
        var trace = MooncakeTraceReader.Read(new StringReader("""
            {"timestamp": 0, "input_length": 1100, "output_length": 5, "hash_ids": [1, 2, 3]}
            {"timestamp": 10, "input_length": 700, "output_length": 5, "hash_ids": [1, 4]}
            {"timestamp": 20, "input_length": 10, "output_length": 5}
            """), "mooncake.jsonl");

        Assert.Equal([1L, 2, 3], trace.Requests[0].PrefixHashes.ToArray());
        Assert.Equal([1L, 4], trace.Requests[1].PrefixHashes.ToArray());
        Assert.Equal(512, trace.Requests[0].PrefixBlockTokens);
        Assert.True(trace.Requests[2].PrefixHashes.IsEmpty);
    }

    [Fact]
    public void Mooncake_hash_ids_that_are_not_integers_name_the_line()
    {
        var error = Assert.Throws<TraceFormatException>(() => MooncakeTraceReader.Read(new StringReader("""
            {"timestamp": 0, "input_length": 10, "output_length": 5, "hash_ids": [1]}
            {"timestamp": 1, "input_length": 10, "output_length": 5, "hash_ids": ["a"]}
            """), "bad.jsonl"));

        Assert.Equal(2, error.Line);
    }

    [Fact]
    public void Reuse_model_shares_the_requested_fraction_in_whole_blocks_among_seeded_identities()
    {
        var requests = Enumerable.Range(0, 400).Select(i => new TraceRequest(i, i, 2048, 10)).ToList();
        var trace = PrefixReuse.Apply(new Trace("t", requests), sharedFraction: 0.5, identities: 4, seed: 1);

        // Half of 2,048 tokens = two 512-token blocks from the identity, two of the request's own.
        var firstTwo = trace.Requests.Select(r => (r.PrefixHashes.Span[0], r.PrefixHashes.Span[1])).Distinct().ToList();
        Assert.Equal(4, firstTwo.Count);
        Assert.Equal(400 * 2, trace.Requests.SelectMany(r => r.PrefixHashes.ToArray()[2..]).Distinct().Count());
        Assert.Equal(
            trace.Requests.Select(r => r.PrefixHashes.ToArray()).SelectMany(h => h),
            PrefixReuse.Apply(new Trace("t", requests), 0.5, 4, seed: 1).Requests.Select(r => r.PrefixHashes.ToArray()).SelectMany(h => h));
    }

    [Fact]
    public void Reuse_model_at_zero_shares_nothing_and_keeps_hashes_a_trace_already_has()
    {
        var own = new TraceRequest(1, 1, 1024, 10) { PrefixHashes = new long[] { 7, 8 }, PrefixBlockTokens = 512 };
        var trace = PrefixReuse.Apply(new Trace("t", [new TraceRequest(0, 0, 1024, 10), own]), sharedFraction: 0, identities: 1, seed: 1);

        Assert.Equal([7L, 8], trace.Requests[1].PrefixHashes.ToArray());
        Assert.Empty(trace.Requests[0].PrefixHashes.ToArray().Intersect(trace.Requests[1].PrefixHashes.ToArray()));
        Assert.All(trace.Requests[0].PrefixHashes.ToArray(), h => Assert.True(h < 0));
    }
}
