using Autoscale.LoadTest.Replicas;
using Autoscale.LoadTest.Traces;
using Autoscale.VllmEmulator.Model;

namespace Autoscale.LoadTest.Tests;

/// <summary>The replica engine of the simulator, fed a trace with and without shared prefixes.</summary>
public sealed class PrefixCachingEngineTests
{
    private static List<FinishedRequest> Replay(Trace trace)
    {
        var engine = new EmulatedReplicaEngine(ReplicaProfiles.Llama31_8B_A10G);
        foreach (var request in trace.Requests)
        {
            engine.AdvanceTo(request.ArrivalSeconds);
            Assert.True(engine.Submit(request, request.ArrivalSeconds));
        }

        engine.AdvanceTo(1_000_000);
        var finished = new List<FinishedRequest>();
        engine.TakeFinished(finished);
        Assert.Equal(trace.Requests.Count, finished.Count);
        return [.. finished.OrderBy(f => f.Id)];
    }

    private static Trace Conversations() =>
        new("conversations", [.. Enumerable.Range(0, 300).Select(i => new TraceRequest(i, i * 2.0, 3000, 50))]);

    [Fact]
    public void Shared_prefixes_cut_prefill_time()
    {
        var plain = Replay(Conversations());
        var shared = Replay(PrefixReuse.Apply(Conversations(), sharedFraction: 0.6, identities: 5, seed: 1));

        // 60 % of every 3,000-token prompt is one of five prefixes that stay cached: TTFT falls by about that much.
        Assert.True(shared.Average(f => f.TtftSeconds) < 0.6 * plain.Average(f => f.TtftSeconds),
            $"{shared.Average(f => f.TtftSeconds):0.000} vs {plain.Average(f => f.TtftSeconds):0.000}");
    }

    [Fact]
    public void Unshared_prefixes_change_nothing()
    {
        var plain = Replay(Conversations());
        var unique = Replay(PrefixReuse.Apply(Conversations(), sharedFraction: 0, identities: 5, seed: 1));

        Assert.Equal(plain, unique);
    }
}
