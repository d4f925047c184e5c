namespace Autoscale.VllmEmulator.Model;

/// <summary>One request given to a replica: when it arrives (model seconds) and its token counts.</summary>
public readonly record struct RequestArrival(long Id, double ArrivalSeconds, int PromptTokens, int OutputTokens)
{
    /// <summary>
    /// Chained hashes of the prompt's blocks of <see cref="PrefixBlockTokens"/> tokens (Mooncake <c>hash_ids</c>):
    /// equal leading hashes mean an equal prefix, which the prefix cache can reuse. Empty: nothing is reusable.
    /// </summary>
    public ReadOnlyMemory<long> PrefixHashes { get; init; }

    /// <summary>Prompt tokens per hash in <see cref="PrefixHashes"/> (512 in Mooncake traces); the last block may be partial.</summary>
    public int PrefixBlockTokens { get; init; }
}
