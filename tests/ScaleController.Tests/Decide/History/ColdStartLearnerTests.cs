using Autoscale.ScaleController.Config;
using Autoscale.ScaleController.Decide.History;
using Autoscale.ScaleController.Decide.Observed;
using static Autoscale.ScaleController.Tests.Decide.Fixtures;

namespace Autoscale.ScaleController.Tests.Decide.History;

public sealed class ColdStartLearnerTests
{
    [Theory]
    [InlineData(240, 90, 120, true)]        // node 4 min, pull 1.5 min, load 2 min
    [InlineData(0, 0, 1, true)]             // warm node, cached image
    [InlineData(284, 101, 581, true)]       // the measured 966 s cold start
    [InlineData(0, 0, 3600, true)]          // exactly maxSampleSeconds: kept
    [InlineData(0, 0, 3601, false)]         // one second over: rejected, not clamped
    [InlineData(3600, 3600, 0, false)]      // hours long (stuck on quota): rejected
    [InlineData(0, -30, 100, false)]        // clock skew: containers "started" before scheduling: rejected
    [InlineData(0, 10, -5, false)]          // Ready before start: rejected
    public void Samples_are_split_into_phases_and_absurd_ones_rejected(int scheduling, int pull, int load, bool accepted)
    {
        var pod = Ready("p", scheduling, pull, load);

        var sample = ColdStartLearner.ToSample(pod, ColdStartPolicy.Default);

        Assert.Equal(accepted, sample is not null);
        if (sample is not null)
        {
            Assert.Equal((scheduling, pull, load), (sample.SchedulingSeconds, sample.PullSeconds, sample.LoadSeconds));
            Assert.Equal(scheduling + pull + load, sample.TotalSeconds);
        }
    }

    [Fact]
    public void Pods_not_yet_ready_or_missing_timestamps_teach_nothing()
    {
        var pods = new[]
        {
            Loading("loading"),
            Unschedulable("waiting"),
            new ObservedPod("no-start", Now.AddSeconds(-100), Scheduled: Now.AddSeconds(-90), Ready: Now),
        };

        Assert.Empty(ColdStartLearner.Learn(ColdStartHistory.Empty, pods, ColdStartPolicy.Default).Samples);
    }

    [Fact]
    public void A_pod_is_learnt_once()
    {
        var pod = Ready("a", 10, 20, 30);
        var once = ColdStartLearner.Learn(ColdStartHistory.Empty, [pod], ColdStartPolicy.Default);

        var twice = ColdStartLearner.Learn(once, [pod], ColdStartPolicy.Default);

        Assert.Single(twice.Samples);
    }

    [Fact]
    public void History_is_bounded_keeping_the_newest()
    {
        var pods = Enumerable.Range(0, 25).Select(i => Ready($"pod-{i:00}", 0, 0, 100 + i, readyAgo: 1000 - i)).ToList();

        var history = ColdStartLearner.Learn(ColdStartHistory.Empty, pods, ColdStartPolicy.Default);

        Assert.Equal(20, history.Samples.Count);
        Assert.Equal("pod-05", history.Samples[0].Pod);
        Assert.Equal("pod-24", history.Samples[^1].Pod);
    }

    [Fact]
    public void A_smaller_history_size_shrinks_the_history()
    {
        var history = HistoryOf(1, 2, 3, 4, 5);

        var trimmed = ColdStartLearner.Learn(history, [], ColdStartPolicy.Default with { HistorySize = 2 });

        Assert.Equal([4, 5], trimmed.Samples.Select(s => s.TotalSeconds));
    }
}
