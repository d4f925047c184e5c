using Autoscale.LoadTest.Traces;
using Autoscale.MetricsAdapter.Sources.Scrape.Mapping;
using Autoscale.VllmEmulator.Model;

namespace Autoscale.LoadTest.Replicas;

/// <summary>
/// One replica backed by the emulator's <see cref="ReplicaModel"/> (the single vLLM model of this repository).
/// Adds what only the cluster needs: the ids still in flight (for a kill at the end of the grace period) and a
/// busy fraction for the CPU proxy. The model keeps vLLM's TTFT histogram but no inter-token one, so the ITL sum and
/// count are added here when a request finishes: its decode time after the first token over its tokens after the first
/// (vLLM observes each interval as the token is emitted; the sum over a request is the same, only later). Likewise the
/// bucket midpoints of each finished request's prompt and output lengths (the totals the adapter's length spreads come
/// from, in vLLM's 1-2-5 buckets up to max_model_len).
/// </summary>
internal sealed class EmulatedReplicaEngine : IReplicaEngine
{
    private readonly ReplicaModel _model;
    private readonly HashSet<int> _inFlight = [];
    private readonly List<FinishedRequest> _finished = [];
    private double _windowStart;
    private double _busy;
    private long _windowGenerated;
    private double _itlSum;
    private long _itlCount;
    private readonly double[] _lengthBounds;
    private double _promptMidpoints;
    private double _promptMidpointSquares;
    private double _outputMidpoints;
    private double _outputMidpointSquares;

    public EmulatedReplicaEngine(ReplicaProfile profile)
    {
        ArgumentNullException.ThrowIfNull(profile);
        _model = new ReplicaModel(profile, OnFinished);
        _lengthBounds = [.. VllmBuckets.RequestTokens(profile.MaxModelLen)];
    }

    private EmulatedReplicaEngine(EmulatedReplicaEngine source)
    {
        _model = source._model.Clone(OnFinished);
        _inFlight = [.. source._inFlight];
        _finished = [.. source._finished];
        _windowStart = source._windowStart;
        _busy = source._busy;
        BusyFraction = source.BusyFraction;
        _windowGenerated = source._windowGenerated;
        OutputTokensPerSecond = source.OutputTokensPerSecond;
        _itlSum = source._itlSum;
        _itlCount = source._itlCount;
        _lengthBounds = source._lengthBounds;
        _promptMidpoints = source._promptMidpoints;
        _promptMidpointSquares = source._promptMidpointSquares;
        _outputMidpoints = source._outputMidpoints;
        _outputMidpointSquares = source._outputMidpointSquares;
    }

    public int Waiting => _model.Waiting;

    public int Running => _model.Running;

    public double KvUsage => _model.KvCacheUsage;

    public double BusyFraction { get; private set; }

    public double OutputTokensPerSecond { get; private set; }

    public ReplicaCounters Counters
    {
        get
        {
            var ttft = _model.Snapshot().TimeToFirstToken;
            return new ReplicaCounters(
                _model.Finished, _model.PromptTokens, _model.GenerationTokens, ttft.Sum, ttft.Count, _itlSum, _itlCount,
                _promptMidpoints, _promptMidpointSquares, _outputMidpoints, _outputMidpointSquares);
        }
    }

    public bool Submit(TraceRequest request, double now)
    {
        var accepted = _model.Submit(new RequestArrival(request.Id, Math.Max(now, _model.Now), Math.Max(1, request.InputTokens), request.OutputTokens)
        {
            PrefixHashes = request.PrefixHashes,
            PrefixBlockTokens = request.PrefixBlockTokens,
        });
        if (accepted)
        {
            _inFlight.Add(request.Id);
        }

        return accepted;
    }

    public void AdvanceTo(double seconds)
    {
        var busyBefore = _model.BusySeconds;
        _model.AdvanceTo(seconds);

        // Busy time is the duration of the engine steps just run.
        _busy += _model.BusySeconds - busyBefore;
        if (seconds - _windowStart >= 1.0)
        {
            BusyFraction = Math.Clamp(_busy / (seconds - _windowStart), 0, 1);
            OutputTokensPerSecond = (_model.GenerationTokens - _windowGenerated) / (seconds - _windowStart);
            _windowGenerated = _model.GenerationTokens;
            _windowStart = seconds;
            _busy = 0;
        }
    }

    public IReplicaEngine Clone() => new EmulatedReplicaEngine(this);

    public void TakeFinished(List<FinishedRequest> sink)
    {
        sink.AddRange(_finished);
        _finished.Clear();
    }

    public IReadOnlyList<int> Abort()
    {
        var ids = _inFlight.Order().ToList();
        _inFlight.Clear();
        return ids;
    }

    private void OnFinished(RequestOutcome outcome)
    {
        var id = (int)outcome.Id;
        var prompt = HistogramMoments.Midpoint(_lengthBounds, outcome.PromptTokens);
        var output = HistogramMoments.Midpoint(_lengthBounds, outcome.OutputTokens);
        (_promptMidpoints, _promptMidpointSquares) = (_promptMidpoints + prompt, _promptMidpointSquares + (prompt * prompt));
        (_outputMidpoints, _outputMidpointSquares) = (_outputMidpoints + output, _outputMidpointSquares + (output * output));
        if (outcome.OutputTokens > 1)
        {
            _itlSum += outcome.FinishedSeconds - outcome.FirstTokenSeconds;
            _itlCount += outcome.OutputTokens - 1;
        }

        if (_inFlight.Remove(id))
        {
            _finished.Add(new FinishedRequest(id, outcome.QueueWaitSeconds, outcome.TimeToFirstTokenSeconds, outcome.FinishedSeconds, outcome.FirstTokenSeconds));
        }
    }
}
