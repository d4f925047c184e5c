using Autoscale.ScaleController.Config;
using Autoscale.ScaleController.Decide.Observed;
using Autoscale.ScaleController.Decide.WarmPool;
using static Autoscale.ScaleController.Tests.Decide.Fixtures;

namespace Autoscale.ScaleController.Tests.Decide.WarmPool;

public sealed class PoolSizerTests
{
    private static readonly PredictivePolicy On = PredictivePolicy.Default with { Enabled = true, MaxExtra = 10 };

    [Theory]
    [InlineData(0, 0, 0, 0, 0)]     // quiet
    [InlineData(3, 0, 0, 0, 3)]     // HPA wants 3 more
    [InlineData(3, 2, 0, 0, 3)]     // gap and pending are the same shortfall: the larger counts
    [InlineData(0, 2, 0, 0, 2)]     // 2 replicas waiting for a node
    [InlineData(0, 0, 0, 40, 2)]    // queue +40 in 2 min = 20/min at 10/min per replica
    [InlineData(0, 0, 0, 41, 3)]    // rounds up
    [InlineData(0, 0, 40, 0, 0)]    // shrinking queue adds nothing
    [InlineData(2, 1, 0, 40, 4)]    // max(2, 1) + 2
    public void Predictive_headroom(int gap, int pending, double queueStart, double queueEnd, int expectedExtra)
    {
        var pods = Enumerable.Range(0, pending).Select(i => Unschedulable($"p{i}")).ToList();
        MetricSample[] queue = [new(Now.AddSeconds(-120), queueStart), new(Now.AddSeconds(-60), double.NaN), new(Now, queueEnd)];
        var workload = Observed(hpa: HpaOf(current: 2, desired: 2 + gap), pods: pods, queue: queue);

        var target = PoolSizer.Size(WarmPoolPolicy.Default with { MaxGpus = 100, Predictive = On }, workload, 1, Now);

        Assert.Equal(expectedExtra, target.Wanted);
    }

    [Theory]
    [InlineData(1, 10, 0, 1)]       // static minimum
    [InlineData(1, 10, 5, 2)]       // minimum + capped predictive extra (maxExtra 1)
    [InlineData(6, 4, 0, 4)]        // 4 GPUs / 1 per placeholder
    [InlineData(6, 3, 0, 1)]        // 3 GPUs / 2 per placeholder
    public void Minimum_plus_extra_capped_by_the_workload_budget(int minimum, int maxGpus, int gap, int expected)
    {
        var gpus = maxGpus == 3 ? 2 : 1;
        var policy = WarmPoolPolicy.Default with { Minimum = minimum, MaxGpus = maxGpus, Predictive = On with { MaxExtra = 1 } };

        var target = PoolSizer.Size(policy, Observed(hpa: HpaOf(current: 1, desired: 1 + gap)), gpus, Now);

        Assert.Equal(expected, target.Wanted);
    }

    [Theory]
    [InlineData(0.2, 0, 0, 8, 0)]       // no ready replica: nothing to grow with
    [InlineData(0.2, 4, 0, 8, 1)]       // ceil(0.8)
    [InlineData(0.2, 10, 0, 8, 2)]      // exact: no rounding up past 2
    [InlineData(0.2, 11, 0, 8, 3)]      // ceil(2.2)
    [InlineData(0.2, 30, 0, 8, 6)]      // grows with the fleet
    [InlineData(0.2, 30, 0, 4, 4)]      // still capped by the workload's GPUs
    [InlineData(0.2, 10, 5, 8, 5)]      // the minimum wins when larger
    [InlineData(0, 30, 1, 8, 1)]        // off: the static minimum only
    public void Headroom_grows_the_pool_with_ready_replicas(double fraction, int ready, int minimum, int maxGpus, int expected)
    {
        var pods = Enumerable.Range(0, ready).Select(i => Ready($"r{i}", 0, 0, 30)).Append(Loading("loading")).ToList();
        var policy = WarmPoolPolicy.Default with { Minimum = minimum, MaxGpus = maxGpus, Headroom = new WarmPoolHeadroom(fraction) };

        var target = PoolSizer.Size(policy, Observed(pods: pods), 1, Now);

        Assert.Equal(expected, target.Wanted);
    }

    [Fact]
    public void Headroom_ignores_terminating_replicas_and_adds_the_predictive_extra()
    {
        var pods = Enumerable.Range(0, 10).Select(i => Ready($"r{i}", 0, 0, 30) with { Terminating = i < 5 }).ToList();
        var policy = WarmPoolPolicy.Default with { Headroom = new WarmPoolHeadroom(0.4), Predictive = On with { MaxExtra = 1 } };

        var target = PoolSizer.Size(policy, Observed(hpa: HpaOf(current: 10, desired: 12), pods: pods), 1, Now);

        Assert.Equal(3, target.Wanted); // ceil(0.4 × 5 ready) + 1
        Assert.Contains("headroom 2 (0.4 × 5 ready)", target.Why, StringComparison.Ordinal);
    }

    [Fact]
    public void Predictive_off_ignores_the_metrics()
    {
        var target = PoolSizer.Size(WarmPoolPolicy.Default, Observed(hpa: HpaOf(current: 1, desired: 9)), 1, Now);

        Assert.Equal(0, target.Wanted);
    }

    [Fact]
    public void Queue_growth_uses_only_the_lookback_window()
    {
        MetricSample[] queue = [new(Now.AddMinutes(-10), 0), new(Now.AddMinutes(-1), 100), new(Now, 110)];

        Assert.Equal(10, PoolSizer.QueueGrowthPerMinute(queue, Now.AddMinutes(-2), Now), 6);
        Assert.Equal(0, PoolSizer.QueueGrowthPerMinute([new(Now, 5)], Now.AddMinutes(-2), Now));
    }
}
