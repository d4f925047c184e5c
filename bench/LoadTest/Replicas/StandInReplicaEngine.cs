using Autoscale.LoadTest.Traces;

namespace Autoscale.LoadTest.Replicas;

/// <summary>
/// TEMPORARY stand-in for the emulator branch's ReplicaModel, so the rest of the simulator can be built and tested
/// before that model lands: continuous batching with a token budget per step (chunked prefill), KV reserved at
/// admission, step time linear in prefill tokens and decoding sequences. Replaced by Autoscale.VllmEmulator.
/// </summary>
internal sealed class StandInReplicaEngine : IReplicaEngine
{
    private const int MaxNumSeqs = 256;
    private const int MaxBatchedTokens = 2048;
    private const long KvCapacityTokens = 400_000;
    private const double StepBase = 0.010;
    private const double PerPrefillToken = 0.0001;
    private const double PerDecodeSeq = 0.0002;

    private readonly Queue<Entry> _waiting = new();
    private readonly List<Entry> _running = [];
    private readonly List<FinishedRequest> _finished = [];
    private double _clock;
    private long _kvUsed;
    private double _busyWindowStart;
    private double _busySeconds;

    public int Waiting => _waiting.Count;

    public int Running => _running.Count;

    public double KvUsage => (double)_kvUsed / KvCapacityTokens;

    public double BusyFraction { get; private set; }

    public void Submit(TraceRequest request, double now)
    {
        _clock = Math.Max(_clock, now);
        _waiting.Enqueue(new Entry(request, now));
    }

    public void AdvanceTo(double seconds)
    {
        while (_clock < seconds && (_waiting.Count > 0 || _running.Count > 0))
        {
            Step(seconds);
        }

        if (_clock < seconds)
        {
            _clock = seconds;
        }

        if (seconds - _busyWindowStart >= 1.0)
        {
            BusyFraction = Math.Min(1, _busySeconds / (seconds - _busyWindowStart));
            _busyWindowStart = seconds;
            _busySeconds = 0;
        }
    }

    public void TakeFinished(List<FinishedRequest> sink)
    {
        sink.AddRange(_finished);
        _finished.Clear();
    }

    public IReadOnlyList<int> Abort()
    {
        var ids = _running.Select(e => e.Request.Id).Concat(_waiting.Select(e => e.Request.Id)).ToList();
        _running.Clear();
        _waiting.Clear();
        _kvUsed = 0;
        return ids;
    }

    private void Step(double target)
    {
        while (_waiting.Count > 0 && _running.Count < MaxNumSeqs
               && _kvUsed + _waiting.Peek().Request.InputTokens + _waiting.Peek().Request.OutputTokens <= KvCapacityTokens)
        {
            var entry = _waiting.Dequeue();
            entry.ScheduledAt = _clock;
            entry.PrefillLeft = entry.Request.InputTokens;
            entry.DecodeLeft = entry.Request.OutputTokens;
            _kvUsed += entry.Request.InputTokens + entry.Request.OutputTokens;
            _running.Add(entry);
        }

        var decoding = _running.Count(e => e.PrefillLeft == 0);
        var prefillPending = _running.Count - decoding;
        if (prefillPending == 0 && _waiting.Count == 0 && decoding > 0)
        {
            // Pure decode: every step is identical until the shortest request finishes, so jump there at once.
            var stepTime = StepBase + (PerDecodeSeq * decoding);
            var steps = Math.Max(1, Math.Min(_running.Min(e => e.DecodeLeft), (int)Math.Ceiling((target - _clock) / stepTime)));
            Decode(steps, stepTime);
            return;
        }

        var budget = MaxBatchedTokens - decoding;
        var prefillTokens = 0;
        foreach (var entry in _running)
        {
            if (entry.PrefillLeft > 0 && budget > 0)
            {
                var chunk = Math.Min(budget, entry.PrefillLeft);
                entry.PrefillChunk = chunk;
                budget -= chunk;
                prefillTokens += chunk;
            }
        }

        var time = StepBase + (PerPrefillToken * prefillTokens) + (PerDecodeSeq * decoding);
        _clock += time;
        _busySeconds += time;
        for (var i = _running.Count - 1; i >= 0; i--)
        {
            var entry = _running[i];
            if (entry.PrefillChunk > 0)
            {
                entry.PrefillLeft -= entry.PrefillChunk;
                entry.PrefillChunk = 0;
                if (entry.PrefillLeft == 0)
                {
                    // The step that completes the prompt emits the first token.
                    entry.FirstTokenAt = _clock;
                    entry.DecodeLeft--;
                }
            }
            else if (entry.PrefillLeft == 0)
            {
                entry.DecodeLeft--;
            }

            if (entry.PrefillLeft == 0 && entry.DecodeLeft <= 0)
            {
                Finish(i);
            }
        }
    }

    private void Decode(int steps, double stepTime)
    {
        _clock += steps * stepTime;
        _busySeconds += steps * stepTime;
        for (var i = _running.Count - 1; i >= 0; i--)
        {
            _running[i].DecodeLeft -= steps;
            if (_running[i].DecodeLeft <= 0)
            {
                Finish(i);
            }
        }
    }

    private void Finish(int index)
    {
        var entry = _running[index];
        _running.RemoveAt(index);
        _kvUsed -= entry.Request.InputTokens + entry.Request.OutputTokens;
        _finished.Add(new FinishedRequest(entry.Request.Id, entry.ScheduledAt - entry.SubmittedAt, entry.FirstTokenAt - entry.SubmittedAt, _clock));
    }

    private sealed class Entry(TraceRequest request, double submittedAt)
    {
        public TraceRequest Request { get; } = request;

        public double SubmittedAt { get; } = submittedAt;

        public double ScheduledAt { get; set; }

        public double FirstTokenAt { get; set; }

        public int PrefillLeft { get; set; }

        public int PrefillChunk { get; set; }

        public int DecodeLeft { get; set; }
    }
}
