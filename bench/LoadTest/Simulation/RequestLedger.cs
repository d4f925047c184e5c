using Autoscale.LoadTest.Replicas;

namespace Autoscale.LoadTest.Simulation;

/// <summary>
/// Per-request accounting: every arrived request ends exactly once, served or dropped. Times are end-to-end from
/// the arrival at the router, so a request buffered while no replica was ready pays that wait too.
/// </summary>
internal sealed class RequestLedger(int count)
{
    private readonly double[] _arrival = new double[count];
    private readonly double[] _routed = new double[count];
    private readonly byte[] _state = new byte[count];
    private readonly double[] _ttftById = new double[count];
    private readonly List<double> _ttft = new(count);
    private readonly List<double> _queueWait = new(count);

    public int Arrived { get; private set; }

    public int Served { get; private set; }

    public int Dropped { get; private set; }

    public int WithinSlo { get; private set; }

    public IReadOnlyList<double> Ttft => _ttft;

    public IReadOnlyList<double> QueueWait => _queueWait;

    /// <summary>(time, ttft) of served requests, for the per-minute charts.</summary>
    public List<(double At, double Ttft)> TtftByTime { get; } = [];

    public bool AllDone => Served + Dropped == Arrived;

    public void OnArrival(int id, double now)
    {
        _arrival[id] = now;
        _state[id] = 1;
        Arrived++;
    }

    public void OnRouted(int id, double now) => _routed[id] = now;

    public void OnFinished(FinishedRequest finished, double slo)
    {
        if (_state[finished.Id] != 1)
        {
            return;
        }

        _state[finished.Id] = 2;
        Served++;
        var routerWait = _routed[finished.Id] - _arrival[finished.Id];
        var ttft = routerWait + finished.TtftSeconds;
        _ttft.Add(ttft);
        _ttftById[finished.Id] = ttft;
        _queueWait.Add(routerWait + finished.QueueWaitSeconds);
        TtftByTime.Add((_arrival[finished.Id], ttft));
        if (ttft <= slo)
        {
            WithinSlo++;
        }
    }

    /// <summary>
    /// Share of the requests that arrived at or after <paramref name="fromSeconds"/> and were served within
    /// <paramref name="slo"/> (dropped ones count as missed); 1 when none arrived then.
    /// </summary>
    public double AttainmentFrom(double fromSeconds, double slo)
    {
        var (arrived, within) = (0, 0);
        for (var id = 0; id < _state.Length; id++)
        {
            if (_state[id] == 0 || _arrival[id] < fromSeconds)
            {
                continue;
            }

            arrived++;
            if (_state[id] == 2 && _ttftById[id] <= slo)
            {
                within++;
            }
        }

        return arrived == 0 ? 1 : (double)within / arrived;
    }

    public void OnDropped(int id)
    {
        if (_state[id] != 1)
        {
            return;
        }

        _state[id] = 3;
        Dropped++;
    }

    /// <summary>At the end of the run every request still in flight counts as dropped.</summary>
    public void DropUnfinished()
    {
        for (var id = 0; id < _state.Length; id++)
        {
            if (_state[id] == 1)
            {
                OnDropped(id);
            }
        }
    }
}
