using System.Collections.Immutable;
using Autoscale.Hpa.Normalization;
using Autoscale.Hpa.Spec;
using static Autoscale.Hpa.Tests.Normalization.Rules;

namespace Autoscale.Hpa.Tests.Normalization;

/// <summary>
/// Ports of horizontal_test.go TestStoreScaleEvents, TestConvertDesiredReplicasWithRules,
/// TestCalculateScaleUpLimitWithScalingRules and TestCalculateScaleDownLimitWithBehaviors.
/// </summary>
public sealed class ScaleEventsAndLimitsTests
{
    private sealed record StoreCase((int Change, int SecondsAgo)[] Prev, (int Change, bool Outdated)[] Expected, HpaScalingRules? Rules, int ExpectedReplicasChange);

    private static readonly Dictionary<string, StoreCase> StoreCases = new()
    {
        ["empty entries with default behavior"] = new([], [], null, 0),
        ["empty entries with two-policy-behavior"] = new([], [(5, false)], Generate(10, 60, 100, 60, 0), 0),
        ["one outdated entry to be kept untouched without behavior"] = new([(7, 61)], [(7, false)], null, 0),
        ["one outdated entry to be replaced with behavior"] = new([(7, 61)], [(5, false)], Generate(10, 60, 100, 60, 0), 0),
        ["one actual entry to be not touched with behavior"] = new([(7, 58)], [(7, false), (5, false)], Generate(10, 60, 100, 60, 0), 7),
        ["two entries, one of them to be replaced"] = new([(7, 61), (6, 59)], [(5, false), (6, false)], Generate(10, 60, 0, 0, 0), 6),
        ["replace one entry, use policies with different periods"] = new([(8, 29), (6, 59), (7, 61), (9, 61)], [(8, false), (6, false), (7, true), (5, false)], Generate(10, 60, 100, 30, 0), 14),
        ["two entries, both actual"] = new([(7, 58), (6, 59)], [(7, false), (6, false), (5, false)], Generate(10, 120, 100, 30, 0), 13),
    };

    public static TheoryData<string> StoreNames => [.. StoreCases.Keys];

    [Theory]
    [MemberData(nameof(StoreNames))]
    public void TestStoreScaleEvents(string name)
    {
        var tc = StoreCases[name];
        var prev = tc.Prev.Select(p => new TimestampedScaleEvent(p.Change, Now.AddSeconds(-p.SecondsAgo))).ToImmutableList();

        // Scale up: the events are scale-up events and the rules the scale-up rules.
        Assert.Equal(tc.ExpectedReplicasChange, ReplicaNormalization.GetReplicasChangePerPeriod(60, prev, Now));
        var up = ReplicaNormalization.StoreScaleEvent(tc.Rules is null ? null : new HpaBehavior(ScaleUp: tc.Rules), prev, [], 10, 15, Now).ScaleUpEvents;
        Assert.Equal(tc.Expected, up.Select(e => (e.ReplicaChange, e.Outdated)));

        // Scale down: the same history as scale-down events.
        var down = ReplicaNormalization.StoreScaleEvent(tc.Rules is null ? null : new HpaBehavior(ScaleDown: tc.Rules), [], prev, 10, 5, Now).ScaleDownEvents;
        Assert.Equal(tc.Expected, down.Select(e => (e.ReplicaChange, e.Outdated)));
    }

    [Theory]
    [InlineData("prenormalized desired replicas within range", 5, 7, 3, 8, 7, "DesiredWithinRange")]
    [InlineData("prenormalized desired replicas < minReplicas", 3, 1, 2, 8, 2, "TooFewReplicas")]
    [InlineData("prenormalized desired zeroed replicas within range", 1, 0, 0, 10, 0, "DesiredWithinRange")]
    [InlineData("maxReplicas is the limit because maxReplicas < scaleUpLimit", 20, 1000, 1, 10, 10, "TooManyReplicas")]
    [InlineData("scaleUpLimit is the limit because scaleUpLimit < maxReplicas", 3, 1000, 1, 2000, 6, "ScaleUpLimit")]
    public void TestConvertDesiredReplicasWithRules(string annotation, int current, int desired, int min, int max, int expected, string condition)
    {
        var result = ReplicaNormalization.ConvertDesiredReplicasWithRules(current, desired, min, max);

        Assert.True(expected == result.Replicas, annotation);
        Assert.Equal(condition, result.Reason);
    }

    private static readonly HpaScalingRules MinChangeRules = new(300, ScalingPolicySelect.Min,
        [new HpaScalingPolicy(ScalingPolicyType.Pods, 2, 60), new HpaScalingPolicy(ScalingPolicyType.Percent, 50, 60)]);

    [Fact]
    public void TestCalculateScaleUpLimitWithScalingRules() =>
        Assert.Equal(2, ReplicaNormalization.CalculateScaleUpLimitWithScalingRules(1, [], [], MinChangeRules, Now));

    [Fact]
    public void TestCalculateScaleDownLimitWithBehaviors() =>
        Assert.Equal(3, ReplicaNormalization.CalculateScaleDownLimitWithBehaviors(5, [], [], MinChangeRules, Now));

    [Fact]
    public void Disabled_select_policy_freezes_both_directions()
    {
        var disabled = new HpaScalingRules(0, ScalingPolicySelect.Disabled, [new HpaScalingPolicy(ScalingPolicyType.Pods, 100, 15)]);

        Assert.Equal(7, ReplicaNormalization.CalculateScaleUpLimitWithScalingRules(7, [], [], disabled, Now));
        Assert.Equal(7, ReplicaNormalization.CalculateScaleDownLimitWithBehaviors(7, [], [], disabled, Now));
    }

    [Fact]
    public void Scale_up_limit_saturates_instead_of_overflowing()
    {
        var huge = new HpaScalingRules(0, ScalingPolicySelect.Max, [new HpaScalingPolicy(ScalingPolicyType.Percent, int.MaxValue, 15), new HpaScalingPolicy(ScalingPolicyType.Pods, int.MaxValue, 15)]);

        Assert.Equal(int.MaxValue, ReplicaNormalization.CalculateScaleUpLimitWithScalingRules(int.MaxValue - 1, [], [], huge, Now));
        Assert.Equal(int.MaxValue, ReplicaNormalization.CalculateScaleUpLimit(int.MaxValue));
    }
}
