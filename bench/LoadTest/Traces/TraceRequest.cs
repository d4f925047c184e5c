namespace Autoscale.LoadTest.Traces;

/// <summary>One request as replayed: arrival in seconds from the trace start, prompt and output sizes in tokens.</summary>
internal sealed record TraceRequest(int Id, double ArrivalSeconds, int InputTokens, int OutputTokens)
{
    /// <summary>
    /// Chained hashes of the prompt's blocks of <see cref="PrefixBlockTokens"/> tokens (Mooncake <c>hash_ids</c>, or
    /// drawn by <see cref="PrefixReuse"/>); equal leading hashes mean a shared prefix. Empty when the trace has none.
    /// </summary>
    public ReadOnlyMemory<long> PrefixHashes { get; init; }

    public int PrefixBlockTokens { get; init; }
}
