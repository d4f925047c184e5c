using Autoscale.ScaleController.Decide.Planner;

namespace Autoscale.ScaleController.Tests.Decide.Planner;

public sealed class PlannerRecommenderTests
{
    private static readonly DateTimeOffset Now = new(2026, 12, 7, 12, 0, 0, TimeSpan.Zero);
    private static readonly PlannerOptions Options = PlannerOptions.Default;

    private static PlannerInputs Inputs(double demand, double? upper = null, double? capacity = 3.5, int ready = 4, int starting = 0) =>
        new(new DemandObservation(demand, Now.AddSeconds(-15)),
            upper is { } u ? new Forecast(u, u, 900, Seasonal: false) : null,
            capacity is { } c ? FleetCapacity.MeanOnly(c) : null, ready, starting, Last: null);

    [Theory]
    [InlineData(7.0, null, 3.5, 2)] // exactly two replicas' worth asks for two
    [InlineData(7.1, null, 3.5, 3)]
    [InlineData(7.0, 20.0, 3.5, 6)] // the forecast's upper quantile is larger: sized for it
    [InlineData(20.0, 7.0, 3.5, 6)] // demand now is larger than the forecast: sized for demand
    [InlineData(0.01, null, 3.5, 1)] // a trickle still needs one
    [InlineData(0.0, null, 3.5, 1)] // zero demand without the flag keeps one
    [InlineData(100.0, null, 35.5, 3)]
    public void Sizes_the_smallest_count_that_covers_demand_and_forecast(double demand, double? upper, double capacity, int expected)
    {
        var rec = PlannerRecommender.Recommend(Inputs(demand, upper, capacity), Now, Options);

        Assert.Equal(expected, rec.Replicas);
        Assert.Equal(Math.Max(demand, upper ?? 0), rec.SizedFor);
    }

    [Fact]
    public void Zero_replicas_only_with_zero_demand_and_the_flag()
    {
        var allow = Options with { AllowScaleToZero = true };

        Assert.Equal(0, PlannerRecommender.Recommend(Inputs(0, upper: 0, ready: 0), Now, allow).Replicas);
        Assert.Equal(1, PlannerRecommender.Recommend(Inputs(0, upper: 0.2, ready: 0), Now, allow).Replicas);
        Assert.Equal(1, PlannerRecommender.Recommend(Inputs(0.2, ready: 0), Now, allow).Replicas);
    }

    [Fact]
    public void A_burst_during_a_cold_start_never_asks_for_more_than_the_burst_needs()
    {
        // 2 replicas serve 7 req/s; a burst to 28 req/s needs 8. The backlog that grows while the new ones load is
        // not demand: every tick of the cold start asks for 8, whatever is ready or starting, never more.
        const double Burst = 28;
        var needed = (int)Math.Ceiling(Burst / 3.5);
        PlannerRecommendation? last = null;
        var ticks = new (int Ready, int Starting)[] { (2, 0), (2, 6), (2, 6), (3, 5), (5, 3), (8, 0) };
        foreach (var (ready, starting) in ticks)
        {
            var inputs = Inputs(Burst, ready: ready, starting: starting) with { Last = last };
            last = PlannerRecommender.Recommend(inputs, Now, Options);

            Assert.Equal(needed, last.Replicas);
            Assert.Contains(string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{starting} starting"), last.Reason, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void The_step_limit_counts_replicas_starting_as_already_there()
    {
        var small = Options with { MaxStep = 4 };

        // 2 ready, need 8: the first ask is 2 + 4.
        var first = PlannerRecommender.Recommend(Inputs(28, ready: 2, starting: 0), Now, small);
        // Those 4 are now starting: 2 + 4 + 4 would be 10, but 8 is all the burst needs.
        var second = PlannerRecommender.Recommend(Inputs(28, ready: 2, starting: 4) with { Last = first }, Now, small);

        Assert.Equal(6, first.Replicas);
        Assert.Contains("step-limited from 8", first.Reason, StringComparison.Ordinal);
        Assert.Equal(8, second.Replicas);
    }

    [Fact]
    public void Steps_down_no_faster_than_demand_falls()
    {
        // Last: 10 replicas for 30 req/s at 3 req/s each. Now demand is 15 (half) but the capacity estimate has
        // doubled to 6 (the correction moved): 3 would cover it, yet demand only halved, so 5.
        var last = PlannerRecommender.Recommend(Inputs(30, capacity: 3, ready: 10), Now.AddSeconds(-30), Options);
        var now = PlannerRecommender.Recommend(Inputs(15, capacity: 6, ready: 10) with { Last = last }, Now, Options);

        Assert.Equal(10, last.Replicas);
        Assert.Equal(5, now.Replicas);
        Assert.Contains("step-down limited from 3", now.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Steps_down_at_most_the_max_step_at_once_and_follows_demand_when_it_falls()
    {
        var small = Options with { MaxStep = 4 };
        var last = PlannerRecommender.Recommend(Inputs(60, capacity: 3, ready: 20), Now.AddSeconds(-30), small with { MaxStep = 100 });

        var down = PlannerRecommender.Recommend(Inputs(3, capacity: 3, ready: 20) with { Last = last }, Now, small);
        var free = PlannerRecommender.Recommend(Inputs(3, capacity: 3, ready: 20) with { Last = last }, Now, Options with { MaxStep = 100 });

        Assert.Equal(20, last.Replicas);
        Assert.Equal(16, down.Replicas);
        Assert.Equal(1, free.Replicas);
    }

    [Fact]
    public void An_old_last_recommendation_no_longer_limits_the_step_down()
    {
        var last = PlannerRecommender.Recommend(Inputs(30, capacity: 3, ready: 10), Now.AddSeconds(-Options.LastRecommendationTtlSeconds - 1), Options);

        var now = PlannerRecommender.Recommend(Inputs(15, capacity: 6, ready: 10) with { Last = last }, Now, Options);

        Assert.Equal(3, now.Replicas);
    }

    [Fact]
    public void Missing_demand_gives_no_recommendation()
    {
        var rec = PlannerRecommender.Recommend(Inputs(10) with { Demand = null }, Now, Options);

        Assert.Null(rec.Replicas);
        Assert.Equal("no demand observation", rec.Reason);
    }

    [Theory]
    [InlineData(double.NaN)]
    [InlineData(-1.0)]
    [InlineData(double.PositiveInfinity)]
    public void Demand_that_is_not_a_rate_gives_no_recommendation(double demand)
    {
        Assert.Null(PlannerRecommender.Recommend(Inputs(demand), Now, Options).Replicas);
    }

    [Fact]
    public void Stale_demand_gives_no_recommendation_fresh_enough_does()
    {
        var stale = Inputs(10) with { Demand = new DemandObservation(10, Now.AddSeconds(-Options.MaxInputAgeSeconds - 1)) };
        var fresh = Inputs(10) with { Demand = new DemandObservation(10, Now.AddSeconds(-Options.MaxInputAgeSeconds)) };

        var rec = PlannerRecommender.Recommend(stale, Now, Options);

        Assert.Null(rec.Replicas);
        Assert.StartsWith("demand is stale", rec.Reason, StringComparison.Ordinal);
        Assert.Equal(3, PlannerRecommender.Recommend(fresh, Now, Options).Replicas);
    }

    [Theory]
    [InlineData(null)]
    [InlineData(0.0)]
    [InlineData(double.NaN)]
    public void No_capacity_gives_no_recommendation(double? capacity)
    {
        var rec = PlannerRecommender.Recommend(Inputs(10, capacity: capacity), Now, Options);

        Assert.Null(rec.Replicas);
        Assert.Equal("no capacity per replica", rec.Reason);
    }

    [Fact]
    public void Zero_demand_without_a_capacity_model_asks_for_the_floor_and_any_demand_without_one_asks_for_nothing()
    {
        // A quiet workload whose request shape is unknown (no request finished inside a rate window): one replica,
        // so that the HPA can still scale it down; with demand it cannot size anything and publishes nothing.
        var quiet = PlannerRecommender.Recommend(Inputs(0, capacity: null), Now, Options);
        var busy = PlannerRecommender.Recommend(Inputs(0.5, capacity: null), Now, Options);

        Assert.Equal(1, quiet.Replicas);
        Assert.Null(busy.Replicas);
        Assert.Equal(0, PlannerRecommender.Recommend(Inputs(0, capacity: null), Now, Options with { AllowScaleToZero = true }).Replicas);
    }

    [Fact]
    public void A_forecast_that_is_not_a_number_is_ignored_and_demand_now_sizes()
    {
        var inputs = Inputs(7) with { Forecast = new Forecast(double.NaN, double.NaN, 900, false) };

        var rec = PlannerRecommender.Recommend(inputs, Now, Options);

        Assert.Equal(2, rec.Replicas);
        Assert.Contains("no forecast", rec.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void The_reason_names_demand_forecast_capacity_starting_and_the_number()
    {
        var rec = PlannerRecommender.Recommend(Inputs(12, upper: 15, capacity: 3.5, ready: 3, starting: 2), Now, Options);

        Assert.Equal(
            "demand 12 req/s, forecast upper 15 req/s, capacity 3.5 req/s per replica, 3 ready, 2 starting: 5 replicas",
            rec.Reason);
    }

    [Fact]
    public void Long_prompts_with_short_answers_are_sized_by_the_tpot_tail_and_the_reason_shows_its_capacity()
    {
        var seed = Autoscale.Testing.EmulatorSeed.From(Autoscale.VllmEmulator.Model.ReplicaProfiles.Llama31_8B_A10G);
        var fleet = FleetCapacity.Of(seed, PlannerSlo.Default, new DemandShape(2048, 28, 1, 1));
        var inputs = Inputs(3, ready: 40) with { Capacity = fleet };

        var rec = PlannerRecommender.Recommend(inputs, Now, Options);

        Assert.Equal(fleet.ReplicasFor(3), rec.Replicas);
        Assert.True(rec.Replicas > (int)Math.Ceiling(3 / fleet.PerReplica));
        Assert.Equal(fleet.PerReplicaAt(rec.Replicas!.Value), rec.CapacityPerReplica);
        Assert.Contains(string.Create(System.Globalization.CultureInfo.InvariantCulture, $"capacity {rec.CapacityPerReplica:0.###} req/s per replica"), rec.Reason, StringComparison.Ordinal);
    }
}
