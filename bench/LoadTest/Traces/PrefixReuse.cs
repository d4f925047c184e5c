namespace Autoscale.LoadTest.Traces;

/// <summary>
/// A reuse model for traces that carry no prefix hashes (the Azure traces have only sizes): each request gets one of
/// <c>identities</c> seeded prefix identities (a system prompt or a conversation so far), and the first
/// <c>sharedFraction</c> of its prompt, in whole blocks, is that identity's; the rest is its own. Off unless asked
/// for: the public traces do not say how much their prompts share, so any default fraction would be a guess that
/// makes every replica look cheaper (prefix-cache hits skip prefill). Requests that already carry hashes (Mooncake)
/// keep them.
/// </summary>
internal static class PrefixReuse
{
    public const int DefaultBlockTokens = 512;

    public static Trace Apply(Trace trace, double sharedFraction, int identities, int seed, int blockTokens = DefaultBlockTokens)
    {
        ArgumentNullException.ThrowIfNull(trace);
        ArgumentOutOfRangeException.ThrowIfLessThan(sharedFraction, 0.0);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(sharedFraction, 1.0);
        ArgumentOutOfRangeException.ThrowIfLessThan(identities, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(blockTokens, 1);
        var random = new Random(seed);
        var requests = new List<TraceRequest>(trace.Requests.Count);
        foreach (var request in trace.Requests)
        {
            // Draw for every request, so that one request's hashes do not depend on whether others had their own.
            var identity = random.Next(identities);
            if (!request.PrefixHashes.IsEmpty)
            {
                requests.Add(request);
                continue;
            }

            var blocks = (request.InputTokens + blockTokens - 1) / blockTokens;
            var shared = (int)(sharedFraction * request.InputTokens) / blockTokens;
            var hashes = new long[blocks];
            for (var j = 0; j < blocks; j++)
            {
                // Identity blocks are positive and shared; the request's own blocks are negative and unique to it.
                hashes[j] = j < shared ? ((long)(identity + 1) << 32) | (uint)j : -((((long)request.Id + 1) << 24) | (uint)j);
            }

            requests.Add(request with { PrefixHashes = hashes, PrefixBlockTokens = blockTokens });
        }

        return trace with { Requests = requests };
    }
}
