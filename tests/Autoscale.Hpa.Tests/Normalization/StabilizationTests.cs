using Autoscale.Hpa.Normalization;
using Autoscale.Hpa.Spec;
using static Autoscale.Hpa.Tests.Normalization.Rules;

namespace Autoscale.Hpa.Tests.Normalization;

/// <summary>
/// Ports of horizontal_test.go TestNormalizeDesiredReplicasWithBehavior (stabilizeRecommendationWithBehaviors)
/// and TestNormalizeDesiredReplicas (legacy stabilizeRecommendation, 5 m window).
/// </summary>
public sealed class StabilizationTests
{
    private sealed record BehaviorCase(TimestampedRecommendation[] Recs, int Current, int Desired, int Expected, int[]? ExpectedRecs, int UpWindow = 0, int DownWindow = 0);

    private static TimestampedRecommendation R(int replicas, TimeSpan ago) => new(replicas, Now - ago);

    private static TimeSpan M(int minutes) => TimeSpan.FromMinutes(minutes);

    private static readonly Dictionary<string, BehaviorCase> BehaviorCases = new()
    {
        ["empty recommendations for scaling down"] = new([], 100, 5, 5, [5]),
        ["simple scale down stabilization"] = new([R(4, M(2)), R(5, M(1))], 100, 3, 5, [4, 5, 3], DownWindow: 180),
        ["simple scale up stabilization"] = new([R(4, M(2)), R(5, M(1))], 1, 7, 4, [4, 5, 7], UpWindow: 300),
        ["no scale down stabilization"] = new([R(1, M(2)), R(2, M(1))], 100, 3, 3, [1, 2, 3], UpWindow: 300),
        ["no scale up stabilization"] = new([R(4, M(2)), R(5, M(1))], 1, 3, 3, [4, 5, 3], DownWindow: 300),
        ["no scale down stabilization, reuse recommendation element"] = new([R(10, M(10)), R(9, M(9))], 100, 3, 3, [10, 3]),
        ["no scale up stabilization, reuse recommendation element"] = new([R(10, M(10)), R(9, M(9))], 1, 100, 100, [10, 100]),
        ["scale down stabilization, reuse one of obsolete recommendation element"] = new([R(10, M(10)), R(4, M(1)), R(5, M(2)), R(9, M(9))], 100, 3, 5, [10, 4, 5, 3], DownWindow: 180),
        ["scale up stabilization, reuse one of obsolete recommendation element"] = new([R(10, M(100)), R(6, M(1)), R(5, M(2)), R(9, M(3))], 1, 100, 5, [100, 6, 5, 9], UpWindow: 300),
        ["scale up and down stabilization, do not scale up when prenormalized rec goes down"] = new([R(2, M(100)), R(3, M(3))], 2, 1, 2, null, 300, 300),
        ["scale up and down stabilization, do not scale down when prenormalized rec goes up"] = new([R(2, M(100)), R(1, M(3))], 2, 3, 2, null, 300, 300),
    };

    public static TheoryData<string> BehaviorNames => [.. BehaviorCases.Keys];

    [Theory]
    [MemberData(nameof(BehaviorNames))]
    public void TestNormalizeDesiredReplicasWithBehavior(string name)
    {
        var tc = BehaviorCases[name];
        var arg = new NormalizationArg(new HpaScalingRules(tc.UpWindow), new HpaScalingRules(tc.DownWindow), 0, 0, tc.Current, tc.Desired);

        var result = ReplicaNormalization.StabilizeRecommendationWithBehaviors(arg, tc.Recs, Now);

        Assert.Equal(tc.Expected, result.Replicas);
        if (tc.ExpectedRecs is not null)
        {
            Assert.Equal(tc.ExpectedRecs, result.Recommendations.Select(r => r.Recommendation));
        }
    }

    private sealed record LegacyCase(TimestampedRecommendation[] Recs, int Desired, int Expected, int ExpectedLogLength);

    private static readonly Dictionary<string, LegacyCase> LegacyCases = new()
    {
        ["empty log"] = new([], 5, 5, 1),
        ["stabilize"] = new([R(4, M(2)), R(5, M(1))], 3, 5, 3),
        ["no stabilize"] = new([R(1, M(2)), R(2, M(1))], 3, 3, 3),
        ["no stabilize - old recommendations"] = new([R(10, M(10)), R(9, M(9))], 3, 3, 2),
        ["stabilize - old recommendations"] = new([R(10, M(10)), R(4, M(1)), R(5, M(2)), R(9, M(9))], 3, 5, 4),
    };

    public static TheoryData<string> LegacyNames => [.. LegacyCases.Keys];

    [Theory]
    [MemberData(nameof(LegacyNames))]
    public void TestNormalizeDesiredReplicas(string name)
    {
        var tc = LegacyCases[name];

        var (stabilized, log) = ReplicaNormalization.StabilizeRecommendation(tc.Recs, tc.Desired, TimeSpan.FromMinutes(5), Now);

        Assert.Equal(tc.Expected, stabilized);
        Assert.Equal(tc.ExpectedLogLength, log.Count);
    }

    [Fact]
    public void NormalizeDesiredReplicas_without_behavior_caps_scale_up_at_twice_current_and_reports_it()
    {
        var result = ReplicaNormalization.NormalizeDesiredReplicas([], 3, 100, 1, 1000, TimeSpan.FromMinutes(5), Now);

        Assert.Equal(6, result.DesiredReplicas);
        Assert.Equal("ReadyForNewScale", result.AbleToScale.Reason);
        Assert.Equal("ScaleUpLimit", result.ScalingLimited.Reason);
        Assert.Equal(Hpa.Pods.ConditionStatus.True, result.ScalingLimited.Status);
    }

    [Fact]
    public void NormalizeDesiredReplicasWithBehaviors_uses_the_flag_window_when_scale_down_window_is_null()
    {
        var behavior = HpaDefaults.SetDefaults_HorizontalPodAutoscalerBehavior(new HpaBehavior())!;

        var result = ReplicaNormalization.NormalizeDesiredReplicasWithBehaviors(
            behavior, [R(8, M(4))], [], [], 10, 2, 1, 20, TimeSpan.FromMinutes(5), Now);

        Assert.Equal(8, result.DesiredReplicas);
        Assert.Equal("ScaleDownStabilized", result.AbleToScale.Reason);
    }
}
