namespace Autoscale.VllmEmulator.Model;

/// <summary>
/// One request inside the engine. Decoding sequences are not touched per step: their KV length and generated
/// count follow from the model's decode counter and the values recorded when decoding started.
/// </summary>
internal struct SequenceState
{
    public long Id;
    public double ArrivalSeconds;
    public double FirstScheduledSeconds;
    public double FirstTokenSeconds;
    public int PromptTokens;
    public int OutputTokens;

    /// <summary>Tokens whose KV is computed, while prefilling.</summary>
    public int Computed;

    /// <summary>Tokens to prefill before the next sample: the prompt, or prompt plus output after a preemption.</summary>
    public int PrefillTarget;

    /// <summary>Generated tokens, valid while not decoding (otherwise see <see cref="DecodeGeneratedStart"/>).</summary>
    public int Generated;

    public bool Decoding;
    public long DecodeStart;
    public int DecodeKvStart;
    public int DecodeGeneratedStart;

    /// <summary>(DecodeKvStart − DecodeStart) mod block size: which steps make this sequence open a new block.</summary>
    public int Phase;

    /// <summary>Bumped on preemption so that stale completion-queue entries are recognised.</summary>
    public int Epoch;

    public int Preemptions;

    /// <summary>The request's prefix hashes (see <see cref="RequestArrival.PrefixHashes"/>).</summary>
    public ReadOnlyMemory<long> PrefixHashes;
    public int PrefixBlockTokens;

    /// <summary>Prompt tokens found in the prefix cache at the first scheduling.</summary>
    public int CachedPromptTokens;

    /// <summary>Links of the running list, in admission order (vLLM preempts from its tail).</summary>
    public int Prev;
    public int Next;
}
