using Autoscale.LoadTest.Replicas;

namespace Autoscale.LoadTest.Simulation;

/// <summary>
/// Per-request accounting: every arrived request ends exactly once, served or dropped. It records what happened
/// (arrival at the router, first token, completion); judging against the SLO is the report's job
/// (<c>Report/SloScorer</c>), which knows each request's own limits. Times are from the arrival at the router, so a
/// request buffered while no replica was ready pays that wait too.
/// </summary>
internal sealed class RequestLedger(int count)
{
    private const byte InFlight = 1;
    private const byte ServedState = 2;
    private const byte DroppedState = 3;

    private readonly double[] _arrival = new double[count];
    private readonly double[] _routed = new double[count];
    private readonly double[] _firstToken = new double[count];
    private readonly double[] _finished = new double[count];
    private readonly byte[] _state = new byte[count];
    private readonly List<double> _queueWait = new(count);

    public int Count => _state.Length;

    public int Arrived { get; private set; }

    public int Served { get; private set; }

    public int Dropped { get; private set; }

    public IReadOnlyList<double> QueueWait => _queueWait;

    public bool AllDone => Served + Dropped == Arrived;

    public void OnArrival(int id, double now)
    {
        _arrival[id] = now;
        _state[id] = InFlight;
        Arrived++;
    }

    public void OnRouted(int id, double now) => _routed[id] = now;

    public void OnFinished(FinishedRequest finished)
    {
        if (_state[finished.Id] != InFlight)
        {
            return;
        }

        _state[finished.Id] = ServedState;
        Served++;
        _firstToken[finished.Id] = finished.FirstTokenAtSeconds;
        _finished[finished.Id] = finished.FinishedAtSeconds;
        _queueWait.Add(_routed[finished.Id] - _arrival[finished.Id] + finished.QueueWaitSeconds);
    }

    public void OnDropped(int id)
    {
        if (_state[id] != InFlight)
        {
            return;
        }

        _state[id] = DroppedState;
        Dropped++;
    }

    /// <summary>At the end of the run every request still in flight counts as dropped.</summary>
    public void DropUnfinished()
    {
        for (var id = 0; id < _state.Length; id++)
        {
            if (_state[id] == InFlight)
            {
                OnDropped(id);
            }
        }
    }

    public bool HasArrived(int id) => _state[id] != 0;

    public bool IsServed(int id) => _state[id] == ServedState;

    public double ArrivalOf(int id) => _arrival[id];

    /// <summary>Time to first token from the arrival at the router; valid when <see cref="IsServed"/>.</summary>
    public double TtftOf(int id) => _firstToken[id] - _arrival[id];

    /// <summary>From the first token to the last (end-to-end latency minus TTFT); valid when <see cref="IsServed"/>.</summary>
    public double DecodeSecondsOf(int id) => _finished[id] - _firstToken[id];
}
