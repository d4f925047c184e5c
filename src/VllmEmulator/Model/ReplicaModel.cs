namespace Autoscale.VllmEmulator.Model;

/// <summary>
/// A deterministic, clock-free model of one vLLM V1 engine doing continuous batching in virtual time.
/// Each <see cref="AdvanceTo"/> runs engine steps like the V1 scheduler: running requests first (decodes, then
/// chunked-prefill continuations, preempting the newest running request when KV blocks run out), then admission
/// from the waiting queue (FCFS, stops at the first request whose chunk does not fit) while fewer than
/// <c>max_num_seqs</c> run and the step's token budget lasts. Per step the cost is O(1) plus the requests that start,
/// finish or are preempted in it, so hours of traffic simulate in milliseconds. The step time follows
/// <see cref="ReplicaProfile.StepSeconds(int, long, int, double)"/>; the decode context sum is kept in O(1) from each
/// sequence's decode start. With prefix caching on, an admitted request's leading prompt blocks found in the
/// replica's <see cref="PrefixCache"/> are not computed again. Not thread-safe.
/// </summary>
public sealed class ReplicaModel
{
    private const int None = -1;

    private readonly ReplicaProfile _profile;
    private readonly Action<RequestOutcome>? _onFinished;
    private readonly int _blockSize;
    private readonly int _totalBlocks;
    private readonly int[] _phaseCounts;
    private readonly IntDeque _pending = new();
    private readonly IntDeque _waiting = new();
    private readonly List<int> _prefilling = [];
    private readonly PriorityQueue<(int Slot, int Epoch), long> _finishing = new();
    private readonly LatencyHistogram _ttft = new(VllmBuckets.TimeToFirstTokenSeconds);
    private readonly LatencyHistogram _itl = new(VllmBuckets.InterTokenLatencySeconds);
    private readonly LatencyHistogram _requestPromptTokens;
    private readonly LatencyHistogram _requestGenerationTokens;
    private readonly PrefixCache? _prefixCache;

    private SequenceState[] _seqs = new SequenceState[64];
    private int[] _freeSlots = new int[64];
    private int _freeCount;
    private int _slotsInUse;

    private int _runningHead = None;
    private int _runningTail = None;
    private int _decoding;
    private int _usedBlocks;
    private long _decodeCounter;

    // Σ (DecodeKvStart − DecodeStart) over decoding sequences: their KV lengths sum to this + decoding × counter.
    private long _decodeKvOffset;
    private double _lastArrival = double.NegativeInfinity;

    // State of the step being scheduled, needed when a decoding sequence is preempted after its block was taken.
    private bool _decodeBlocksTaken;
    private int _stepPhaseIndex;
    private int _stepDecodeTokens;

    public ReplicaModel(ReplicaProfile profile, Action<RequestOutcome>? onFinished = null)
    {
        ArgumentNullException.ThrowIfNull(profile);
        profile.Validate();
        _profile = profile;
        _onFinished = onFinished;
        _blockSize = profile.BlockSize;
        _totalBlocks = profile.NumGpuBlocks;
        _phaseCounts = new int[_blockSize];
        _prefixCache = profile.EnablePrefixCaching ? new PrefixCache(profile.KvCacheTokens) : null;
        var requestTokenBounds = VllmBuckets.RequestTokens(profile.MaxModelLen);
        _requestPromptTokens = new LatencyHistogram(requestTokenBounds);
        _requestGenerationTokens = new LatencyHistogram(requestTokenBounds);
    }

    private ReplicaModel(ReplicaModel source, Action<RequestOutcome>? onFinished)
    {
        _profile = source._profile;
        _onFinished = onFinished;
        _blockSize = source._blockSize;
        _totalBlocks = source._totalBlocks;
        _phaseCounts = (int[])source._phaseCounts.Clone();
        _prefixCache = source._prefixCache?.Clone();
        _pending = source._pending.Clone();
        _waiting = source._waiting.Clone();
        _prefilling = [.. source._prefilling];
        // Built from the heap's own array order, so equal priorities come out in the same order as in the source.
        _finishing = new PriorityQueue<(int Slot, int Epoch), long>(source._finishing.UnorderedItems);
        _ttft = source._ttft.Clone();
        _itl = source._itl.Clone();
        _requestPromptTokens = source._requestPromptTokens.Clone();
        _requestGenerationTokens = source._requestGenerationTokens.Clone();
        _seqs = (SequenceState[])source._seqs.Clone();
        _freeSlots = (int[])source._freeSlots.Clone();
        _freeCount = source._freeCount;
        _slotsInUse = source._slotsInUse;
        _runningHead = source._runningHead;
        _runningTail = source._runningTail;
        _decoding = source._decoding;
        _usedBlocks = source._usedBlocks;
        _decodeCounter = source._decodeCounter;
        _decodeKvOffset = source._decodeKvOffset;
        _lastArrival = source._lastArrival;
        _decodeBlocksTaken = source._decodeBlocksTaken;
        _stepPhaseIndex = source._stepPhaseIndex;
        _stepDecodeTokens = source._stepDecodeTokens;
        Now = source.Now;
        Running = source.Running;
        Arrived = source.Arrived;
        Finished = source.Finished;
        Rejected = source.Rejected;
        PromptTokens = source.PromptTokens;
        GenerationTokens = source.GenerationTokens;
        Preemptions = source.Preemptions;
        Steps = source.Steps;
        BusySeconds = source.BusySeconds;
        PrefillComputedTokens = source.PrefillComputedTokens;
        PrefixCacheQueries = source.PrefixCacheQueries;
        PrefixCacheHits = source.PrefixCacheHits;
    }

    /// <summary>
    /// Copies the whole engine state, so that a what-if (another fleet size, another routing) can run from here
    /// while this engine stays untouched; the copy reports finished requests to <paramref name="onFinished"/>.
    /// Every field is copied in the private copy constructor: a new field must be added there too
    /// (ReplicaModelCloneTests lists the fields and fails when one is added).
    /// </summary>
    public ReplicaModel Clone(Action<RequestOutcome>? onFinished) => new(this, onFinished);

    public ReplicaProfile Profile => _profile;

    /// <summary>Model time in seconds; may run past the last target by less than one step.</summary>
    public double Now { get; private set; }

    public int Waiting => _waiting.Count;

    public int Running { get; private set; }

    /// <summary>Submitted requests whose arrival time has not come yet.</summary>
    public int Pending => _pending.Count;

    public long Arrived { get; private set; }

    public long Finished { get; private set; }

    public long Rejected { get; private set; }

    public long PromptTokens { get; private set; }

    public long GenerationTokens { get; private set; }

    public long Preemptions { get; private set; }

    public long Steps { get; private set; }

    /// <summary>Model seconds spent in engine steps (the rest of <see cref="Now"/> was idle or paused).</summary>
    public double BusySeconds { get; private set; }

    /// <summary>Prompt tokens actually computed, recomputation included and prefix-cache hits excluded: the prefill work.</summary>
    public long PrefillComputedTokens { get; private set; }

    /// <summary>vllm:prefix_cache_queries: prompt tokens looked up in the prefix cache at scheduling.</summary>
    public long PrefixCacheQueries { get; private set; }

    /// <summary>vllm:prefix_cache_hits: prompt tokens found in the prefix cache at scheduling.</summary>
    public long PrefixCacheHits { get; private set; }

    public int UsedBlocks => _usedBlocks;

    public int TotalBlocks => _totalBlocks;

    public double KvCacheUsage => (double)_usedBlocks / _totalBlocks;

    /// <summary>
    /// Queues a request. Arrival times must not decrease; a request may arrive in the model's future and is then
    /// held until then. Returns false (and counts it rejected) when it exceeds <c>max_model_len</c>, as vLLM answers
    /// 400 to such a request.
    /// </summary>
    public bool Submit(in RequestArrival request)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(request.PromptTokens, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(request.OutputTokens, 1);
        if (request.ArrivalSeconds < _lastArrival || double.IsNaN(request.ArrivalSeconds))
        {
            throw new ArgumentException(
                $"Arrivals must not go back in time ({request.ArrivalSeconds} after {_lastArrival}).", nameof(request));
        }

        if ((long)request.PromptTokens + request.OutputTokens > _profile.MaxModelLen)
        {
            Rejected++;
            return false;
        }

        _lastArrival = request.ArrivalSeconds;
        var slot = RentSlot();
        ref var s = ref _seqs[slot];
        s = default;
        s.Id = request.Id;
        s.ArrivalSeconds = request.ArrivalSeconds;
        s.FirstScheduledSeconds = double.NaN;
        s.FirstTokenSeconds = double.NaN;
        s.PromptTokens = request.PromptTokens;
        s.OutputTokens = request.OutputTokens;
        s.PrefillTarget = request.PromptTokens;
        s.PrefixHashes = request.PrefixHashes;
        s.PrefixBlockTokens = request.PrefixBlockTokens;
        s.Prev = None;
        s.Next = None;
        _pending.PushBack(slot);
        return true;
    }

    /// <summary>Runs engine steps that start before <paramref name="seconds"/>; idles up to it when there is no work.</summary>
    public void AdvanceTo(double seconds)
    {
        while (Now < seconds)
        {
            MoveArrivedToWaiting();
            if (Running == 0 && _waiting.Count == 0)
            {
                // Idle engine: jump to the next arrival instead of spinning empty steps.
                var next = _pending.Count == 0 ? double.PositiveInfinity : _seqs[_pending.PeekFront()].ArrivalSeconds;
                Now = Math.Min(next, seconds);
                continue;
            }

            Step();
        }

        MoveArrivedToWaiting();
    }

    /// <summary>
    /// Moves the clock without running the engine, as when vLLM sleeps: waiting requests keep waiting and their
    /// queue time includes the pause.
    /// </summary>
    public void SkipTo(double seconds)
    {
        if (seconds > Now)
        {
            Now = seconds;
        }

        MoveArrivedToWaiting();
    }

    public ReplicaMetrics Snapshot() => new()
    {
        AtSeconds = Now,
        Waiting = _waiting.Count,
        Running = Running,
        KvCacheUsage = KvCacheUsage,
        PromptTokens = PromptTokens,
        GenerationTokens = GenerationTokens,
        RequestSuccess = Finished,
        Preemptions = Preemptions,
        TimeToFirstToken = _ttft.Snapshot(),
        InterTokenLatency = _itl.Snapshot(),
        RequestPromptTokens = _requestPromptTokens.Snapshot(),
        RequestGenerationTokens = _requestGenerationTokens.Snapshot(),
        NumGpuBlocks = _totalBlocks,
        BlockSize = _blockSize,
        PrefixCacheQueries = PrefixCacheQueries,
        PrefixCacheHits = PrefixCacheHits,
    };

    private int FreeBlocks => _totalBlocks - _usedBlocks;

    private void Step()
    {
        var budget = _profile.MaxNumBatchedTokens;
        var preempted = false;

        // 1. Decodes: each decoding sequence writes one KV slot; those at a block boundary need a new block.
        _stepPhaseIndex = PositiveMod(-_decodeCounter);
        while (_phaseCounts[_stepPhaseIndex] > FreeBlocks && Running > 0)
        {
            PreemptTail();
            preempted = true;
        }

        _usedBlocks += _phaseCounts[_stepPhaseIndex];
        _decodeBlocksTaken = true;
        _stepDecodeTokens = _decoding;
        budget -= _decoding;

        // 2. Chunked-prefill continuations of running requests, in admission order.
        var prefillTokens = 0;
        var prefillPairs = 0.0;
        for (var i = 0; i < _prefilling.Count && budget > 0; i++)
        {
            var slot = _prefilling[i];
            ref var s = ref _seqs[slot];
            var chunk = Math.Min(s.PrefillTarget - s.Computed, budget);
            var need = BlocksFor(s.Computed + chunk) - BlocksFor(s.Computed);
            var selfPreempted = false;
            while (need > FreeBlocks)
            {
                var victim = _runningTail;
                PreemptTail();
                preempted = true;
                if (victim == slot)
                {
                    selfPreempted = true;
                    break;
                }
            }

            if (selfPreempted)
            {
                break;
            }

            _usedBlocks += need;
            prefillPairs += ReplicaProfile.ContextPairs(s.Computed, chunk);
            s.Computed += chunk;
            budget -= chunk;
            prefillTokens += chunk;
        }

        // 3. Admission, only in steps without preemption (as the V1 scheduler does).
        while (!preempted && budget > 0 && Running < _profile.MaxNumSeqs && _waiting.Count > 0)
        {
            var slot = _waiting.PeekFront();
            ref var s = ref _seqs[slot];
            var cached = CachedPrefix(ref s);
            var chunk = Math.Min(s.PrefillTarget - cached, budget);
            var need = BlocksFor(cached + chunk);
            if (need > FreeBlocks)
            {
                break;
            }

            _waiting.PopFront();
            LinkRunning(slot);
            _prefilling.Add(slot);
            _usedBlocks += need;
            prefillPairs += ReplicaProfile.ContextPairs(cached, chunk);
            s.Computed = cached + chunk;
            if (_prefixCache is not null)
            {
                PrefixCacheQueries += s.PromptTokens;
                PrefixCacheHits += cached;
            }

            if (double.IsNaN(s.FirstScheduledSeconds))
            {
                s.FirstScheduledSeconds = Now;
                s.CachedPromptTokens = cached;
            }

            budget -= chunk;
            prefillTokens += chunk;
        }

        _decodeBlocksTaken = false;
        var decodeContext = _decodeKvOffset + (_decoding * _decodeCounter);
        var stepSeconds = _profile.StepSeconds(_stepDecodeTokens, decodeContext, prefillTokens, prefillPairs);
        Now += stepSeconds;
        BusySeconds += stepSeconds;
        PrefillComputedTokens += prefillTokens;
        Steps++;
        _decodeCounter++;
        GenerationTokens += _stepDecodeTokens;
        if (_stepDecodeTokens > 0)
        {
            _itl.Observe(stepSeconds, _stepDecodeTokens);
        }

        FinishDecoded();
        CompletePrefills();
    }

    private void FinishDecoded()
    {
        while (_finishing.TryPeek(out var entry, out var at) && at <= _decodeCounter)
        {
            _finishing.Dequeue();
            ref var s = ref _seqs[entry.Slot];
            if (s.Epoch != entry.Epoch || !s.Decoding)
            {
                continue;
            }

            Finish(entry.Slot);
        }
    }

    private void CompletePrefills()
    {
        var kept = 0;
        for (var i = 0; i < _prefilling.Count; i++)
        {
            var slot = _prefilling[i];
            ref var s = ref _seqs[slot];
            if (s.Computed < s.PrefillTarget)
            {
                _prefilling[kept++] = slot;
                continue;
            }

            if (_prefixCache is not null && !s.PrefixHashes.IsEmpty)
            {
                _prefixCache.Insert(s.PrefixHashes.Span, s.PrefixBlockTokens, s.PromptTokens);
            }

            // The step that computes the last prefill token also samples the next output token.
            s.Generated++;
            GenerationTokens++;
            if (double.IsNaN(s.FirstTokenSeconds))
            {
                s.FirstTokenSeconds = Now;
                _ttft.Observe(Now - s.ArrivalSeconds);
                // vLLM counts the prompt once, when its first token comes out; recomputation is not counted again.
                PromptTokens += s.PromptTokens;
            }

            if (s.Generated >= s.OutputTokens)
            {
                Finish(slot);
                continue;
            }

            s.Decoding = true;
            s.DecodeStart = _decodeCounter;
            s.DecodeKvStart = s.Computed;
            s.DecodeGeneratedStart = s.Generated;
            s.Phase = PositiveMod(s.DecodeKvStart - s.DecodeStart);
            _phaseCounts[s.Phase]++;
            _decoding++;
            _decodeKvOffset += s.DecodeKvStart - s.DecodeStart;
            _finishing.Enqueue((slot, s.Epoch), s.DecodeStart + (s.OutputTokens - s.Generated));
        }

        _prefilling.RemoveRange(kept, _prefilling.Count - kept);
    }

    private void Finish(int slot)
    {
        ref var s = ref _seqs[slot];
        int kv;
        if (s.Decoding)
        {
            kv = s.DecodeKvStart + (int)(_decodeCounter - s.DecodeStart);
            _phaseCounts[s.Phase]--;
            _decoding--;
            _decodeKvOffset -= s.DecodeKvStart - s.DecodeStart;
            s.Decoding = false;
        }
        else
        {
            kv = s.Computed;
        }

        _usedBlocks -= BlocksFor(kv);
        UnlinkRunning(slot);
        Finished++;
        // vLLM observes both once per finished request (V1 loggers.py over finished_requests; V0 llm_engine.py when
        // the sequence group is finished), the prompt without recomputation and the output as generated.
        _requestPromptTokens.Observe(s.PromptTokens);
        _requestGenerationTokens.Observe(s.OutputTokens);
        _onFinished?.Invoke(new RequestOutcome(
            s.Id, s.ArrivalSeconds, s.FirstScheduledSeconds, s.FirstTokenSeconds, Now, s.PromptTokens, s.OutputTokens, s.Preemptions)
        {
            CachedPromptTokens = s.CachedPromptTokens,
        });
        s.PrefixHashes = default;
        ReturnSlot(slot);
    }

    /// <summary>Recompute-mode preemption of the newest running request: its KV is freed and it waits at the front.</summary>
    private void PreemptTail()
    {
        var slot = _runningTail;
        ref var s = ref _seqs[slot];
        int kv;
        if (s.Decoding)
        {
            var advanced = (int)(_decodeCounter - s.DecodeStart);
            kv = s.DecodeKvStart + advanced;
            s.Generated = s.DecodeGeneratedStart + advanced;
            _phaseCounts[s.Phase]--;
            _decoding--;
            _decodeKvOffset -= s.DecodeKvStart - s.DecodeStart;
            s.Decoding = false;
            if (_decodeBlocksTaken)
            {
                // Its slot for this step was already counted; it will not decode in this step after all.
                _stepDecodeTokens--;
                if (s.Phase == _stepPhaseIndex)
                {
                    kv++;
                }
            }
        }
        else
        {
            kv = s.Computed;
            _prefilling.Remove(slot);
        }

        _usedBlocks -= BlocksFor(kv);
        s.Epoch++;
        s.Preemptions++;
        s.Computed = 0;
        // Recompute covers the prompt and every token generated so far, then samples the next one.
        s.PrefillTarget = s.PromptTokens + s.Generated;
        UnlinkRunning(slot);
        _waiting.PushFront(slot);
        Preemptions++;
    }

    private void MoveArrivedToWaiting()
    {
        while (_pending.Count > 0 && _seqs[_pending.PeekFront()].ArrivalSeconds <= Now)
        {
            _waiting.PushBack(_pending.PopFront());
            Arrived++;
        }
    }

    private void LinkRunning(int slot)
    {
        ref var s = ref _seqs[slot];
        s.Prev = _runningTail;
        s.Next = None;
        if (_runningTail == None)
        {
            _runningHead = slot;
        }
        else
        {
            _seqs[_runningTail].Next = slot;
        }

        _runningTail = slot;
        Running++;
    }

    private void UnlinkRunning(int slot)
    {
        ref var s = ref _seqs[slot];
        if (s.Prev == None)
        {
            _runningHead = s.Next;
        }
        else
        {
            _seqs[s.Prev].Next = s.Next;
        }

        if (s.Next == None)
        {
            _runningTail = s.Prev;
        }
        else
        {
            _seqs[s.Next].Prev = s.Prev;
        }

        s.Prev = None;
        s.Next = None;
        Running--;
    }

    private int RentSlot()
    {
        if (_freeCount > 0)
        {
            return _freeSlots[--_freeCount];
        }

        if (_slotsInUse == _seqs.Length)
        {
            Array.Resize(ref _seqs, _seqs.Length * 2);
        }

        return _slotsInUse++;
    }

    private void ReturnSlot(int slot)
    {
        if (_freeCount == _freeSlots.Length)
        {
            Array.Resize(ref _freeSlots, _freeSlots.Length * 2);
        }

        _freeSlots[_freeCount++] = slot;
    }

    /// <summary>Prompt tokens the prefix cache already holds for a request about to be scheduled.</summary>
    private int CachedPrefix(ref SequenceState s) =>
        _prefixCache is null || s.PrefixHashes.IsEmpty
            ? 0
            : _prefixCache.Lookup(s.PrefixHashes.Span, s.PrefixBlockTokens, s.PromptTokens, _blockSize);

    private int BlocksFor(int tokens) => (tokens + _blockSize - 1) / _blockSize;

    private int PositiveMod(long value)
    {
        var m = (int)(value % _blockSize);
        return m < 0 ? m + _blockSize : m;
    }
}
