using Autoscale.ScaleController.Decide.Planner;
using Autoscale.VllmEmulator.Model;

namespace Autoscale.ScaleController.Tests.Decide.Planner;

public sealed class FleetCapacityTests
{
    private static readonly ReplicaServiceProfile A10G = EmulatorSeed.From(ReplicaProfiles.Llama31_8B_A10G);

    // Azure code-trace-like: long prompts, short answers.
    private static readonly DemandShape Code = new(2048, 28, 1, 1);

    [Theory]
    [InlineData(0.01, 1)]
    [InlineData(7, 2)]
    [InlineData(7.1, 3)]
    [InlineData(35, 10)]
    public void With_no_tail_the_fleet_is_the_rate_over_the_capacity_rounded_up(double rate, int replicas) =>
        Assert.Equal(replicas, FleetCapacity.MeanOnly(3.5).ReplicasFor(rate));

    [Theory]
    [InlineData(0.5)]
    [InlineData(3)]
    [InlineData(12)]
    public void On_long_prompts_with_short_answers_the_fleet_is_the_smallest_whose_tail_holds(double rate)
    {
        var fleet = FleetCapacity.Of(A10G, PlannerSlo.Default, Code);
        var tail = new TpotTail(A10G, Code, 1, fleet.Replica.TpotLimitSeconds);

        var replicas = fleet.ReplicasFor(rate);

        Assert.True(replicas > Math.Ceiling(rate / fleet.PerReplica), $"{replicas} replicas for {rate} req/s");
        Assert.True(tail.MissShare(rate, replicas) <= 0.01);
        Assert.True(tail.MissShare(rate, replicas - 1) > 0.01);
        Assert.Equal("tpot-tail", fleet.BoundAt(replicas));
        Assert.True(fleet.PerReplicaAt(replicas) * replicas >= rate * 0.99);
    }

    [Fact]
    public void A_stricter_attainment_asks_for_more()
    {
        var usual = FleetCapacity.Of(A10G, PlannerSlo.Default, Code).ReplicasFor(3);
        var strict = FleetCapacity.Of(A10G, PlannerSlo.Default with { Attainment = 0.999 }, Code).ReplicasFor(3);

        Assert.True(strict > usual, $"{strict} vs {usual}");
    }

    [Fact]
    public void A_slower_engine_than_the_seed_is_worth_less_per_replica()
    {
        var seed = FleetCapacity.Of(A10G, PlannerSlo.Default, Code);
        var slower = FleetCapacity.Of(A10G, PlannerSlo.Default, Code, correction: 1.3);

        Assert.True(slower.PerReplicaAt(8) < seed.PerReplicaAt(8));
        Assert.True(slower.ReplicasFor(3) >= seed.ReplicasFor(3));
    }
}
