using Autoscale.LoadTest.Cluster;
using Autoscale.LoadTest.Traces;

namespace Autoscale.LoadTest.Simulation;

/// <summary>
/// The router: each request goes to the ready replica with the fewest requests waiting and running; with none
/// ready it is buffered (as a gateway or activator would) and dropped after the router timeout. It owns the
/// buffer and the trace's arrival cursor.
/// </summary>
internal sealed class Router(SimClock clock, SimCluster cluster, RequestLedger ledger, Trace trace)
{
    private readonly Queue<(TraceRequest Request, double Since)> _buffer = new();

    /// <summary>How many arrivals have been handled (the next one's index).</summary>
    public int Arrived { get; private set; }

    public int Buffered => _buffer.Count;

    public bool AllArrived => Arrived >= trace.Requests.Count;

    public void Start()
    {
        if (trace.Requests.Count > 0)
        {
            clock.Schedule(trace.Requests[0].ArrivalSeconds, EventKind.Arrival, 0);
        }
    }

    public void OnArrival(int index)
    {
        var request = trace.Requests[index];
        ledger.OnArrival(request.Id, clock.Now);
        if (!Route(request))
        {
            _buffer.Enqueue((request, clock.Now));
        }

        Arrived = index + 1;
        if (Arrived < trace.Requests.Count)
        {
            clock.Schedule(trace.Requests[Arrived].ArrivalSeconds, EventKind.Arrival, Arrived);
        }
    }

    public void FlushBuffer()
    {
        while (_buffer.Count > 0 && Route(_buffer.Peek().Request))
        {
            _buffer.Dequeue();
        }
    }

    public void ExpireBuffered()
    {
        while (_buffer.Count > 0 && clock.Now - _buffer.Peek().Since > cluster.Options.RouterTimeoutSeconds)
        {
            ledger.OnDropped(_buffer.Dequeue().Request.Id);
        }
    }

    /// <summary>The end of the run: whatever is still buffered is dropped.</summary>
    public void DropBuffered()
    {
        foreach (var (request, _) in _buffer)
        {
            ledger.OnDropped(request.Id);
        }
    }

    private bool Route(TraceRequest request)
    {
        SimPod? best = null;
        var bestLoad = int.MaxValue;
        foreach (var pod in cluster.Engines)
        {
            if (pod.Stage != PodStage.Ready)
            {
                continue;
            }

            var load = pod.Engine!.Waiting + pod.Engine.Running;
            if (load < bestLoad)
            {
                best = pod;
                bestLoad = load;
            }
        }

        if (best is null)
        {
            return false;
        }

        ledger.OnRouted(request.Id, clock.Now);
        if (!best.Engine!.Submit(request, clock.Now))
        {
            ledger.OnDropped(request.Id);
        }

        return true;
    }
}
