using Autoscale.ScaleController.Config;
using Autoscale.ScaleController.Decide;
using Autoscale.ScaleController.Decide.History;
using Autoscale.ScaleController.Decide.Observed;
using Autoscale.ScaleController.Decide.WarmPool;
using Autoscale.ScaleController.Tests.Watch.Demand;
using static Autoscale.ScaleController.Tests.Decide.Fixtures;

namespace Autoscale.ScaleController.Tests.Decide.WarmPool;

/// <summary>With the planner on, the warm pool's headroom is the forecast's uncertainty in replicas, not a fixed fraction.</summary>
public sealed class ForecastHeadroomTests
{
    [Theory]
    [InlineData(10.0, 10.0, 2.0, 0)]      // no uncertainty
    [InlineData(10.0, 14.0, 2.0, 2)]      // exactly two replicas' worth
    [InlineData(10.0, 14.1, 2.0, 3)]      // rounds up
    [InlineData(10.0, 9.0, 2.0, 0)]       // an upper below the central is no headroom
    [InlineData(10.0, 14.0, 0.0, null)]   // no capacity: not known
    [InlineData(null, 14.0, 2.0, null)]   // no forecast yet
    [InlineData(10.0, double.NaN, 2.0, null)]
    public void Replicas_are_the_spread_between_upper_and_central_forecast_over_capacity(double? central, double? upper, double? capacity, int? expected) =>
        Assert.Equal(expected, new ForecastHeadroom(central, upper, capacity, 600).Replicas);

    [Theory]
    [InlineData(0, 8, 1, 3, "forecast headroom 3 ((upper 16 − central 10 req/s) / 2 req/s per replica, 600 s ahead)")]
    [InlineData(5, 8, 1, 5, "forecast headroom 3")]         // the minimum still wins when larger
    [InlineData(0, 8, 4, 2, "forecast headroom 3")]         // 4 GPUs per replica: the workload's 8 GPUs hold 2
    [InlineData(0, 2, 1, 2, "workload cap 2")]
    public void The_forecast_replaces_the_fraction_within_the_workload_cap(int minimum, int maxGpus, int gpusPerReplica, int expected, string why)
    {
        var pods = Enumerable.Range(0, 10).Select(i => Ready($"r{i}", 0, 0, 30)).ToList();
        var policy = WarmPoolPolicy.Default with { Minimum = minimum, MaxGpus = maxGpus, Headroom = new WarmPoolHeadroom(0.5) };

        var target = PoolSizer.Size(policy, Observed(pods: pods), gpusPerReplica, Now, new ForecastHeadroom(10, 16, 2, 600));

        Assert.Equal(expected, target.Wanted);
        Assert.Contains(why, target.Why, StringComparison.Ordinal);
        Assert.DoesNotContain("0.5 × 10 ready", target.Why, StringComparison.Ordinal);
    }

    [Fact]
    public void Until_the_forecast_is_known_the_fraction_sizes_the_pool_and_the_reason_says_so()
    {
        var pods = Enumerable.Range(0, 10).Select(i => Ready($"r{i}", 0, 0, 30)).ToList();
        var policy = WarmPoolPolicy.Default with { Headroom = new WarmPoolHeadroom(0.2) };

        var target = PoolSizer.Size(policy, Observed(pods: pods), 1, Now, new ForecastHeadroom(null, null, 2, 600));

        Assert.Equal(2, target.Wanted);
        Assert.Contains("no forecast headroom (none yet, or forecast off): headroom 2 (0.2 × 10 ready)", target.Why, StringComparison.Ordinal);
    }

    [Fact]
    public void Pools_sized_from_forecasts_still_share_the_global_budget()
    {
        var a = new WorkloadRef("llm", "a");
        var b = new WorkloadRef("llm", "b");
        var policy = WorkloadPolicy.Default with { WarmPool = WarmPoolPolicy.Default with { MaxGpus = 8 } };
        var config = ConfigOf(4, false, Workload(a, policy), Workload(b, policy));
        var cluster = Cluster(Observed(a), Observed(b));
        var forecasts = new Dictionary<WorkloadRef, ForecastHeadroom> { [a] = new(10, 20, 2, 600), [b] = new(10, 20, 2, 600) };

        var (_, pools) = PlaceholderPlanner.Plan(config, cluster, Now, forecasts: forecasts);

        Assert.Equal([(5, 2), (5, 2)], pools.Select(p => (p.Wanted, p.Granted)));
    }

    [Fact]
    public void Through_decide_a_planner_with_a_forecast_sizes_the_pool_and_one_without_falls_back()
    {
        var planned = Workload(policy: WorkloadPolicy.Default with
        {
            WarmPool = WarmPoolPolicy.Default with { MaxGpus = 16, Headroom = new WarmPoolHeadroom(0.25) },
            Planner = PlannerPolicy.Off with { Enabled = true, Profile = DemandFeedTests.Profile },
        });
        var noForecast = planned with { Policy = planned.Policy with { Planner = planned.Policy.Planner with { Forecast = false } } };

        var withForecast = RunRounds(planned);
        var without = RunRounds(noForecast);

        Assert.Contains("forecast headroom ", withForecast.Why, StringComparison.Ordinal);
        Assert.DoesNotContain("0.25 × 4 ready", withForecast.Why, StringComparison.Ordinal);
        Assert.InRange(withForecast.Wanted, 1, 16);
        Assert.Contains("no forecast headroom (none yet, or forecast off): headroom 1 (0.25 × 4 ready)", without.Why, StringComparison.Ordinal);
        Assert.Equal(1, without.Wanted);
    }

    // Two hours of rounds every 30 s with demand swinging between 20 and 40 req/s: enough closed five-minute buckets
    // for the forecaster to have a level and an error spread.
    private static PoolStatus RunRounds(WorkloadConfig workload)
    {
        var config = ConfigOf(16, false, workload);
        var pods = Enumerable.Range(0, 4).Select(i => Ready($"qwen-{i}", 0, 0, 30, readyAgo: 86_400)).ToList();
        IReadOnlyDictionary<WorkloadRef, string>? planner = null;
        DecideOutput? output = null;
        for (var i = 0; i < 240; i++)
        {
            var now = Now.AddSeconds(30 * i);
            var rate = i % 20 < 10 ? 20.0 : 40.0;
            var demand = new WorkloadDemand(now, 4, rate, rate, rate * 500, rate * 100, Running: 40, InterTokenLatencySeconds: 0.02, WindowSeconds: 60);
            var seen = Observed(hpa: HpaOf(current: 4, desired: 4), pods: pods, replicas: 4) with { Demand = demand };
            output = Decider.Decide(new DecideInput(config, Cluster(seen), new Dictionary<WorkloadRef, ColdStartHistory>(), now, planner));
            planner = output.Planner;
        }

        return output!.Pools.Single();
    }
}
