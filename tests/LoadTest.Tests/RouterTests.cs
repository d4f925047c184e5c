using Autoscale.LoadTest.Cluster;
using Autoscale.LoadTest.Simulation;
using Autoscale.LoadTest.Traces;

namespace Autoscale.LoadTest.Tests;

public sealed class RouterTests
{
    [Fact]
    public void Each_request_goes_to_the_least_loaded_ready_replica_lowest_id_first()
    {
        var trace = new Trace("t", [.. Enumerable.Range(0, 5).Select(i => new TraceRequest(i, 0, 100, 50))]);
        var (clock, cluster, ledger, router) = Build(trace, replicas: 3);

        // As the simulator does: every engine is advanced to the event's time before the event is handled.
        for (var i = 0; i < 5; i++)
        {
            cluster.AdvanceReplicas(0);
            router.OnArrival(i);
        }

        cluster.AdvanceReplicas(0);

        Assert.Equal([2, 2, 1], cluster.Engines.Select(p => p.Engine!.Waiting + p.Engine.Running));
        Assert.Equal(0, router.Buffered);
        Assert.Equal(5, ledger.Arrived);
        Assert.Equal(0.0, clock.Now);
    }

    [Fact]
    public void With_no_replica_ready_requests_wait_in_the_buffer_and_are_dropped_after_the_router_timeout()
    {
        var trace = new Trace("t", [new TraceRequest(0, 0, 100, 50), new TraceRequest(1, 0, 100, 50)]);
        var (clock, _, ledger, router) = Build(trace, replicas: 0);

        router.OnArrival(0);
        router.OnArrival(1);
        clock.Now = ClusterOptions.Default.RouterTimeoutSeconds;
        router.ExpireBuffered();
        Assert.Equal((2, 0), (router.Buffered, ledger.Dropped)); // not yet past the timeout

        clock.Now += 1;
        router.ExpireBuffered();
        Assert.Equal((0, 2), (router.Buffered, ledger.Dropped));
        Assert.True(router.AllArrived);
    }

    private static (SimClock Clock, SimCluster Cluster, RequestLedger Ledger, Router Router) Build(Trace trace, int replicas)
    {
        var clock = new SimClock(1);
        var ledger = new RequestLedger(trace.Requests.Count);
        var cluster = new SimCluster(clock, ClusterOptions.Default, Synthetic.Engines, ledger);
        cluster.StartWarm(replicas);
        var router = new Router(clock, cluster, ledger, trace);
        cluster.ReplicaReady = router.FlushBuffer;
        return (clock, cluster, ledger, router);
    }
}
