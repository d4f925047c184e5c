using Autoscale.ScaleController.Decide.Planner;
using Autoscale.VllmEmulator.Model;

namespace Autoscale.ScaleController.Tests.Decide.Planner;

/// <summary>
/// The TPOT tail against its ground truth, <see cref="EmulatedFleet"/> (N emulated replicas behind the
/// least-in-flight router), through <see cref="FleetCapacity.PerReplicaAt"/>: the largest rate per replica whose miss
/// share stays within the SLO's 1 %, the model told the draws' means and spreads of 1. Measured 2026-12-07, model vs
/// emulated req/s per replica on Azure code-trace lengths: A10G 0.032 vs 0.036 (N = 1), 0.278 vs 0.300 (4), 0.434 vs
/// 0.544 (16); the per-replica mean model says 1.19 at any N. Conservative by up to a quarter for large fleets (the
/// router steers around a prefilling replica better than taking turns does).
/// </summary>
public sealed class TpotTailTests
{
    private static readonly ReplicaServiceProfile A10G = EmulatorSeed.From(ReplicaProfiles.Llama31_8B_A10G);

    [Theory]
    [InlineData(1, 0.75, 1.25)]
    [InlineData(4, 0.75, 1.25)]
    [InlineData(16, 0.7, 1.25)]
    public void On_code_trace_lengths_the_fleet_capacity_follows_the_emulated_fleet(int replicas, double lowRatio, double highRatio)
    {
        var draw = EmulatedFleet.CodeTrace(out var shape);
        var model = FleetCapacity.Of(A10G, PlannerSlo.Default, shape).PerReplicaAt(replicas);
        var truth = EmulatedFleet.SloCapacity(ReplicaProfiles.Llama31_8B_A10G, replicas, draw, 0.001 * replicas, 1.5 * replicas) / replicas;

        Assert.InRange(model / truth, lowRatio, highRatio);
    }

    [Fact]
    public void On_conversation_lengths_the_tail_does_not_bind_a_fleet()
    {
        var shape = new DemandShape(883, 224, 1, 1);
        var fleet = FleetCapacity.Of(A10G, PlannerSlo.Default, shape);

        Assert.Equal(fleet.PerReplica, fleet.PerReplicaAt(4));
        Assert.Equal(fleet.PerReplica, fleet.PerReplicaAt(16));
        Assert.Equal(fleet.Replica.Bound, fleet.BoundAt(16));
    }

    [Fact]
    public void The_miss_share_grows_with_the_rate_and_falls_with_the_fleet_and_is_deterministic()
    {
        var shape = new DemandShape(2048, 28, 1, 1);
        var limit = ReplicaCapacity.Estimate(A10G, PlannerSlo.Default, shape).TpotLimitSeconds;
        var tail = new TpotTail(A10G, shape, 1, limit);

        Assert.Equal(0, tail.MissShare(0, 4));
        Assert.True(tail.MissShare(0.2 * 4, 4) < tail.MissShare(0.4 * 4, 4));
        Assert.True(tail.MissShare(0.3 * 16, 16) < tail.MissShare(0.3 * 4, 4));
        Assert.True(tail.MissShare(0.3 * 4, 4) < tail.MissShare(0.3, 1));
        Assert.Equal(tail.MissShare(1.2, 4), new TpotTail(A10G, shape, 1, limit).MissShare(1.2, 4));
    }

    [Fact]
    public void A_step_slower_than_the_limit_misses_every_answer_longer_than_one_token()
    {
        var shape = new DemandShape(500, 50);
        var tail = new TpotTail(A10G, shape, 1, tpotLimitSeconds: 0.5 * A10G.DecodeStepBaseSeconds);

        Assert.Equal(1, tail.MissShare(0.1, 1));
    }

    [Fact]
    public void A_slower_engine_misses_more_at_the_same_load()
    {
        var shape = new DemandShape(2048, 28, 1, 1);
        var limit = ReplicaCapacity.Estimate(A10G, PlannerSlo.Default, shape).TpotLimitSeconds;

        Assert.True(new TpotTail(A10G, shape, 1.3, limit).MissShare(1.2, 4) > new TpotTail(A10G, shape, 1, limit).MissShare(1.2, 4));
    }

    [Theory]
    [InlineData(0.0, 3, 0.0)]
    [InlineData(2.0, 0, 1.0)]
    [InlineData(2.0, 1, 0.8646647)]
    [InlineData(2.0, 3, 0.3233236)]
    [InlineData(800.0, 1, 1.0)]
    [InlineData(800.0, 1000, 0.0)]
    public void Poisson_tail(double mean, int atLeast, double expected) =>
        Assert.Equal(expected, TpotTail.PoissonAtLeast(mean, atLeast), 6);
}
