namespace Autoscale.VllmEmulator.Server;

/// <summary>
/// Replays a trace against whatever pods are ready at each arrival, waiting on a TimeProvider. Each request is
/// submitted with its exact virtual arrival time, so timer granularity does not skew queue times.
/// </summary>
public sealed class TraceDriver
{
    private readonly IReadOnlyList<TraceRequest> _trace;
    private readonly Func<IReadOnlyList<EmulatedVllmPod>> _targets;
    private readonly TraceReplayOptions _options;
    private readonly TimeProvider _time;
    private long _roundRobin;
    private long _submitted;
    private long _dropped;
    private long _rejected;

    public TraceDriver(
        IReadOnlyList<TraceRequest> trace,
        Func<IReadOnlyList<EmulatedVllmPod>> targets,
        TraceReplayOptions options,
        TimeProvider timeProvider)
    {
        ArgumentNullException.ThrowIfNull(trace);
        ArgumentNullException.ThrowIfNull(targets);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(timeProvider);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(options.TimeScale);
        ArgumentOutOfRangeException.ThrowIfNegative(options.RateScale);
        _trace = trace;
        _targets = targets;
        _options = options;
        _time = timeProvider;
    }

    /// <summary>Replays onto the fleet's ready pods, following scale-ups and scale-downs.</summary>
    public TraceDriver(IReadOnlyList<TraceRequest> trace, EmulatedFleet fleet, TraceReplayOptions options)
        : this(trace, () => fleet.ReadyPods, options, fleet.Time)
    {
    }

    /// <summary>Called for every request sent (or dropped), on the replay's thread.</summary>
    public Action<TraceSubmission>? OnSubmitted { get; init; }

    public long Submitted => Interlocked.Read(ref _submitted);

    /// <summary>Requests with no ready pod to go to.</summary>
    public long Dropped => Interlocked.Read(ref _dropped);

    /// <summary>Requests a pod refused (longer than its max_model_len).</summary>
    public long Rejected => Interlocked.Read(ref _rejected);

    /// <summary>Replays the whole trace, starting now.</summary>
    public async Task RunAsync(CancellationToken cancellationToken = default)
    {
        var start = _time.GetUtcNow();
        var credit = 0.0;
        foreach (var row in _trace)
        {
            var due = start + TimeSpan.FromSeconds(row.OffsetSeconds / _options.TimeScale);
            var wait = due - _time.GetUtcNow();
            if (wait > TimeSpan.Zero)
            {
                await Task.Delay(wait, _time, cancellationToken).ConfigureAwait(false);
            }

            credit += _options.RateScale;
            var copies = (int)credit;
            credit -= copies;
            for (var i = 0; i < copies; i++)
            {
                Send(row, due);
            }
        }
    }

    private void Send(TraceRequest row, DateTimeOffset due)
    {
        var pods = _targets();
        if (pods.Count == 0)
        {
            Interlocked.Increment(ref _dropped);
            OnSubmitted?.Invoke(new TraceSubmission(row, due, null, false));
            return;
        }

        var pod = _options.Routing == RoutingPolicy.LeastLoaded ? LeastLoaded(pods) : pods[(int)(_roundRobin++ % pods.Count)];
        var accepted = pod.Submit(row.PromptTokens, row.OutputTokens, due);
        Interlocked.Increment(ref accepted ? ref _submitted : ref _rejected);
        OnSubmitted?.Invoke(new TraceSubmission(row, due, pod, accepted));
    }

    private static EmulatedVllmPod LeastLoaded(IReadOnlyList<EmulatedVllmPod> pods)
    {
        var best = pods[0];
        var bestLoad = best.Load();
        for (var i = 1; i < pods.Count; i++)
        {
            var load = pods[i].Load();
            if (load < bestLoad)
            {
                best = pods[i];
                bestLoad = load;
            }
        }

        return best;
    }
}
