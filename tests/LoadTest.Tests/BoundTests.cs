using Autoscale.LoadTest.Cluster;
using Autoscale.LoadTest.Policies;
using Autoscale.LoadTest.Replicas;
using Autoscale.LoadTest.Report;
using Autoscale.LoadTest.Simulation;
using Autoscale.LoadTest.Traces;

namespace Autoscale.LoadTest.Tests;

public sealed class BoundTests
{
    private static readonly ClusterOptions InstantStart = ClusterOptions.Default with
    {
        NodeProvision = Triangular.Fixed(0), NodeInit = Triangular.Fixed(0), ImagePull = Triangular.Fixed(0), ModelLoad = Triangular.Fixed(0),
    };

    [Theory]
    [InlineData(230, 200)]
    [InlineData(1000, 250)]
    [InlineData(8000, 100)]
    public void Work_per_request_is_below_what_the_engine_takes_for_a_full_batch_of_it(int prompt, int output)
    {
        // The largest batch of this shape that never preempts, all queued at once: the engine's time per request
        // must not beat the work bound's figure, and should not exceed it by much (else the bound is loose).
        var batch = ReplicaWork.BestBatch(Synthetic.Profile, prompt + output);
        var engine = Synthetic.Engines();
        for (var i = 0; i < batch; i++)
        {
            Assert.True(engine.Submit(new TraceRequest(i, 0, prompt, output), 0));
        }

        var finished = new List<FinishedRequest>();
        for (var t = 1.0; finished.Count < batch; t += 1)
        {
            engine.AdvanceTo(t);
            engine.TakeFinished(finished);
        }

        var perRequest = finished.Max(f => f.FinishedAtSeconds) / batch;
        var work = ReplicaWork.Seconds(Synthetic.Profile, prompt, output);
        Assert.InRange(perRequest, work, 1.5 * work);
    }

    [Fact]
    public void The_work_bound_counts_servable_requests_only()
    {
        var max = Synthetic.Profile.MaxModelLen;
        var servable = Synthetic.Segments(500, 100, (2, 300));
        var withRefused = new Trace("with-refused", [.. servable.Requests, .. servable.Requests.Select(r => r with { Id = r.Id + servable.Requests.Count, InputTokens = max })]);
        var slo = Synthetic.Slo();

        var plain = WorkBound.Compute(servable, Synthetic.Profile, slo.IsServable);
        var refused = WorkBound.Compute(new Trace("sorted", [.. withRefused.Requests.OrderBy(r => r.ArrivalSeconds)]), Synthetic.Profile, slo.IsServable);

        Assert.True(plain.ReplicaHours > 0);
        Assert.Equal(plain.ReplicaSecondsPerBin, refused.ReplicaSecondsPerBin);
    }

    [Fact]
    public void An_instant_start_oracle_following_the_feasible_bound_meets_the_slo_target()
    {
        var trace = Synthetic.Segments(800, 150, (0.5, 600), (5, 900), (1.5, 600));
        var slo = Synthetic.Slo();
        var feasible = FeasibleBound.Compute(trace, Synthetic.Engines, slo);
        var demand = OracleDemand.From(feasible, WorkBound.Compute(trace, Synthetic.Profile, slo.IsServable));

        // One bin of lead covers the simulator's 10 s decision period and Cluster Autoscaler scan.
        var oracle = new OraclePolicy(new OracleOptions(), demand, 60);
        var run = new Simulator(trace, oracle, new SimulationOptions(InstantStart, 7, InitialReplicas: demand.Need(0, OracleSizing.Slo)), Synthetic.Engines).Run();
        var score = SloScorer.Score(trace, run, slo, InstantStart.MaxNodes, 0);

        Assert.True(feasible.ReplicasPerBin.Max() > 1, "the step needs more than one replica");
        Assert.True(feasible.Attainment >= 0.99, $"the bound's own run: {feasible.Attainment}");
        Assert.True(score.Attainment >= 0.99, $"the simulator at the bound's fleet: {score.Attainment}");
    }

    [Fact]
    public void The_feasible_bound_is_never_above_the_constant_fleet_an_instant_start_oracle_needs()
    {
        var trace = Synthetic.Segments(800, 150, (4, 1200));
        var slo = Synthetic.Slo();
        var feasible = FeasibleBound.Compute(trace, Synthetic.Engines, slo);
        var work = WorkBound.Compute(trace, Synthetic.Profile, slo.IsServable);
        var bins = feasible.ReplicasPerBin.Count;

        // The smallest constant fleet that meets the target through the simulator with instant starts.
        var needed = Enumerable.Range(1, 20).First(n => Attainment(trace, slo, Enumerable.Repeat(n, bins).ToList()) >= 0.99);

        Assert.True(needed > 1);
        Assert.All(feasible.ReplicasPerBin, r => Assert.InRange(r, 1, needed));
        Assert.True(feasible.ReplicaHours <= needed * bins * feasible.BinSeconds / 3600);
        Assert.True(feasible.ReplicaHours >= work.ReplicaHours, "meeting an SLO takes at least the work");
        Assert.True(Attainment(trace, slo, [.. feasible.ReplicasPerBin.Select(r => Math.Max(1, r - 1))]) < 0.99, "one replica fewer every minute misses");
    }

    private static double Attainment(Trace trace, RequestSlo slo, IReadOnlyList<int> fleet)
    {
        var demand = new OracleDemand(fleet, fleet, 60);
        var run = new Simulator(trace, new OraclePolicy(new OracleOptions(), demand, 0), new SimulationOptions(InstantStart, 7, InitialReplicas: fleet[0]), Synthetic.Engines).Run();
        return SloScorer.Score(trace, run, slo, InstantStart.MaxNodes, 0).Attainment;
    }
}
