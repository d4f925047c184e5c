namespace Autoscale.LoadTest.Simulation;

/// <summary>Time-ordered events; ties break by insertion order, which keeps every run deterministic.</summary>
internal sealed class EventQueue
{
    private readonly PriorityQueue<SimEvent, (double Time, long Seq)> _queue = new();
    private long _seq;

    public int Count => _queue.Count;

    public void Schedule(double time, EventKind kind, int target = 0, int version = 0) =>
        _queue.Enqueue(new SimEvent(time, kind, target, version), (time, _seq++));

    public bool TryDequeue(out SimEvent next) => _queue.TryDequeue(out next, out _);
}
