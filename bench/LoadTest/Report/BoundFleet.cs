using Autoscale.LoadTest.Replicas;
using Autoscale.LoadTest.Traces;

namespace Autoscale.LoadTest.Report;

/// <summary>
/// The SLO-feasible bound's fleet: replicas that start instantly, behind the simulator's router (least waiting +
/// running among the active replicas, ties to the oldest). Shrinking keeps the removed replicas draining what they
/// hold (as a terminating pod does) without new requests; growing reactivates them first, then adds fresh ones.
/// </summary>
internal sealed class BoundFleet
{
    private readonly Func<IReplicaEngine> _factory;
    private readonly List<IReplicaEngine> _engines;
    private readonly List<FinishedRequest> _finished = [];

    public BoundFleet(Func<IReplicaEngine> factory)
    {
        _factory = factory;
        _engines = [];
    }

    private BoundFleet(BoundFleet source)
    {
        _factory = source._factory;
        _engines = new List<IReplicaEngine>(source._engines.Count);
        foreach (var engine in source._engines)
        {
            _engines.Add(engine.Clone());
        }

        Active = source.Active;
    }

    public int Active { get; private set; }

    public bool Idle => _engines.TrueForAll(e => e.Waiting + e.Running == 0);

    /// <summary>An independent copy: a what-if from this instant that leaves this fleet untouched.</summary>
    public BoundFleet Clone() => new(this);

    public void Resize(int replicas)
    {
        while (_engines.Count < replicas)
        {
            _engines.Add(_factory());
        }

        Active = replicas;

        // Idle replicas past the active ones hold nothing: forgetting them keeps clones cheap.
        while (_engines.Count > Active && _engines[^1].Waiting + _engines[^1].Running == 0)
        {
            _engines.RemoveAt(_engines.Count - 1);
        }
    }

    /// <summary>Advances every replica to <paramref name="seconds"/> and hands each finished request to <paramref name="onFinished"/>.</summary>
    public void AdvanceTo(double seconds, Action<FinishedRequest> onFinished)
    {
        foreach (var engine in _engines)
        {
            engine.AdvanceTo(seconds);
            engine.TakeFinished(_finished);
        }

        foreach (var done in _finished)
        {
            onFinished(done);
        }

        _finished.Clear();
    }

    /// <summary>Routes a request that arrives now (advance first) to the least-loaded active replica.</summary>
    public void Route(TraceRequest request)
    {
        var (best, bestLoad) = (0, int.MaxValue);
        for (var i = 0; i < Active; i++)
        {
            var load = _engines[i].Waiting + _engines[i].Running;
            if (load < bestLoad)
            {
                (best, bestLoad) = (i, load);
            }
        }

        _engines[best].Submit(request, request.ArrivalSeconds);
    }
}
