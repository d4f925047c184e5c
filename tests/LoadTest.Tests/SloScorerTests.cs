using Autoscale.LoadTest.Cluster;
using Autoscale.LoadTest.Config;
using Autoscale.LoadTest.Policies;
using Autoscale.LoadTest.Report;
using Autoscale.LoadTest.Simulation;
using Autoscale.LoadTest.Traces;

namespace Autoscale.LoadTest.Tests;

public sealed class SloScorerTests
{
    [Fact]
    public void Refused_requests_are_counted_apart_and_are_not_misses()
    {
        // Light load that one replica serves within the SLO; every fifth request is longer than max_model_len.
        var max = Synthetic.Profile.MaxModelLen;
        var requests = Enumerable.Range(0, 60)
            .Select(i => new TraceRequest(i, i * 5.0, i % 5 == 0 ? max : 300, i % 5 == 0 ? 200 : 50))
            .ToList();
        var trace = new Trace("with-refused", requests);
        var run = Synthetic.Run(trace, "cpu-hpa");

        var score = SloScorer.Score(trace, run, Synthetic.Slo(), 64, 0);

        Assert.Equal(12, score.Refused);
        Assert.Equal(48, score.Servable);
        Assert.Equal(0, score.Dropped);
        Assert.Equal(1, score.Attainment);
        Assert.Equal(0, score.Misses.Total);
        Assert.Equal(12, run.Requests.Dropped); // the server refused them: the simulator's ledger saw them end unserved
    }

    [Fact]
    public void Misses_split_into_parts_that_add_up_and_attainments_are_over_servable()
    {
        // A burst far above one replica: queues, slow decodes and router drops.
        var trace = Synthetic.Segments(800, 300, (0.5, 120), (12, 300), (0.5, 120));
        var run = Synthetic.Run(trace, "keda");

        var score = SloScorer.Score(trace, run, Synthetic.Slo(), 64, 0);
        var misses = score.Misses;

        Assert.True(misses.Total > 0);
        Assert.Equal(misses.Total, misses.Dropped + misses.TtftOnly + misses.TpotOnly + misses.Both);
        Assert.Equal(score.Servable - score.Met, misses.Total);
        Assert.Equal(score.Dropped, misses.Dropped);
        Assert.Equal((double)score.Met / score.Servable, score.Attainment);
        Assert.True(score.TtftAttainment >= score.Attainment && score.TpotAttainment >= score.Attainment);
        Assert.Equal(score.Servable - score.Dropped, score.Ttft.Count);
    }

    [Fact]
    public void A_policy_held_at_the_node_cap_has_its_misses_explained_by_the_cap()
    {
        var trace = Synthetic.Segments(800, 150, (8, 900));
        var config = SimConfig.Default with { Cluster = ClusterOptions.Default with { MaxNodes = 2 } };
        var policy = PolicyFactory.Create("common-recipe", config);
        var run = new Simulator(trace, policy, new SimulationOptions(config.Cluster, 7, InitialReplicas: 2), Synthetic.Engines).Run();

        var score = SloScorer.Score(trace, run, Synthetic.Slo(), 2, 0);
        var why = LossExplanation.Explain(score, 2, 0);

        Assert.True(score.Misses.WhileCapped > 0);
        Assert.Contains("cap of 2 nodes", why, StringComparison.Ordinal);
    }

    [Fact]
    public void The_explanation_names_the_start_transient_and_the_slo_part()
    {
        var score = new SloScore(1000, 0, 600, 680, 840, 1, 0.95, [], [], [], new MissBreakdown(400, 1, 240, 80, 79, 280, 0));

        var why = LossExplanation.Explain(score, 64, 1200, 2.5);

        Assert.Contains("70 % arrived in the start transient (first 20 min)", why, StringComparison.Ordinal);
        Assert.Contains("TTFT only 60 %", why, StringComparison.Ordinal);
        Assert.Contains("TPOT only 20 %", why, StringComparison.Ordinal);
        Assert.Contains("dropped <1 %", why, StringComparison.Ordinal);
        Assert.DoesNotContain("cap", why, StringComparison.Ordinal);
        Assert.EndsWith("it cost 2.50 × the SLO-feasible bound", why, StringComparison.Ordinal);
    }
}
