using Autoscale.LoadTest.Cluster;
using Autoscale.LoadTest.Traces;

namespace Autoscale.LoadTest.Simulation;

/// <summary>
/// The router: each request goes to the ready replica with the fewest requests waiting and running; with none
/// ready it is buffered (as a gateway or activator would) and dropped after the router timeout.
/// </summary>
internal sealed partial class Simulator
{
    private readonly Queue<(TraceRequest Request, double Since)> _buffer = new();

    private void OnArrival(int index)
    {
        var request = _trace.Requests[index];
        _ledger.OnArrival(request.Id, _now);
        if (!Route(request))
        {
            _buffer.Enqueue((request, _now));
        }

        _nextArrival = index + 1;
        if (_nextArrival < _trace.Requests.Count)
        {
            _events.Schedule(_trace.Requests[_nextArrival].ArrivalSeconds, EventKind.Arrival, _nextArrival);
        }
    }

    private bool Route(TraceRequest request)
    {
        SimPod? best = null;
        var bestLoad = int.MaxValue;
        foreach (var pod in _pods)
        {
            if (!pod.IsServing || pod.IsPlaceholder)
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

        _ledger.OnRouted(request.Id, _now);
        if (!best.Engine!.Submit(request, _now))
        {
            _ledger.OnDropped(request.Id);
        }

        return true;
    }

    private void FlushBuffer()
    {
        while (_buffer.Count > 0 && Route(_buffer.Peek().Request))
        {
            _buffer.Dequeue();
        }
    }

    private void ExpireBuffered()
    {
        while (_buffer.Count > 0 && _now - _buffer.Peek().Since > _options.Cluster.RouterTimeoutSeconds)
        {
            _ledger.OnDropped(_buffer.Dequeue().Request.Id);
        }
    }

    private void AdvanceEngines(double time)
    {
        foreach (var pod in _pods)
        {
            if (pod.Engine is null || pod.Stage is not (PodStage.Ready or PodStage.Terminating))
            {
                continue;
            }

            pod.Engine.AdvanceTo(time);
            pod.Engine.TakeFinished(_finished);
            if (_finished.Count > 0)
            {
                foreach (var done in _finished)
                {
                    _ledger.OnFinished(done);
                }

                _finished.Clear();
            }

            if (pod.Stage == PodStage.Terminating && pod.Engine.Waiting + pod.Engine.Running == 0)
            {
                _now = time;
                Remove(pod);
            }
        }
    }
}
