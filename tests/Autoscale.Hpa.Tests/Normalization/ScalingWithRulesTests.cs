using Autoscale.Hpa.Normalization;
using Autoscale.Hpa.Spec;
using static Autoscale.Hpa.Tests.Normalization.Rules;

namespace Autoscale.Hpa.Tests.Normalization;

/// <summary>Port of horizontal_test.go TestScalingWithRules (convertDesiredReplicasWithBehaviorRate).</summary>
public sealed class ScalingWithRulesTests
{
    private sealed record Case(int Current, int Desired, int Min, int Max, int Expected, string Condition,
        HpaScalingRules? Up = null, HpaScalingRules? Down = null, TimestampedScaleEvent[]? UpEvents = null, TimestampedScaleEvent[]? DownEvents = null);

    private static readonly Dictionary<string, Case> Cases = new()
    {
        ["prenormalized desired replicas within range"] = new(5, 7, 3, 8, 7, "DesiredWithinRange"),
        ["prenormalized desired replicas < minReplicas"] = new(3, 1, 2, 8, 2, "TooFewReplicas"),
        ["prenormalized desired replicas within range when minReplicas is 0"] = new(1, 0, 0, 10, 0, "DesiredWithinRange"),
        ["maxReplicas is the limit because maxReplicas < scaleUpLimit"] = new(20, 1000, 1, 10, 10, "TooManyReplicas"),
        ["desired replica count is more than the maximum replica count"] = new(100, 1000, 100, 150, 150, "TooManyReplicas"),
        ["scaleUpLimit is the limit because scaleUpLimit < maxReplicas with user policies"] = new(3, 1000, 1, 2000, 4, "ScaleUpLimit", Up: Generate(0, 0, 1, 60, 0)),
        // Upstream marks this case testThis and skips it; it is kept here because it holds: 1000 - 20 = 980.
        ["scaleDownLimit is the limit because scaleDownLimit > minReplicas with user defined policies"] = new(1000, 3, 3, 2000, 980, "ScaleDownLimit", Down: Generate(20, 60, 0, 0, 0)),
        ["scaleUp with default behavior"] = new(10, 50, 1, 1000, 20, "ScaleUpLimit"),
        ["scaleUp with pods policy larger than percent policy"] = new(10, 500, 1, 1000, 110, "ScaleUpLimit", Up: Generate(100, 60, 100, 60, 0)),
        ["scaleUp with percent policy larger than pods policy"] = new(10, 500, 1, 1000, 20, "ScaleUpLimit", Up: Generate(2, 60, 100, 60, 0)),
        ["scaleUp with spec MaxReplicas limitation with large pod policy"] = new(10, 50, 1, 1000, 50, "DesiredWithinRange", Up: Generate(100, 60, 0, 0, 0)),
        ["scaleUp with spec MaxReplicas limitation with large percent policy"] = new(10, 50, 1, 1000, 50, "DesiredWithinRange", Up: Generate(10000, 60, 0, 0, 0)),
        ["scaleUp with pod policy limitation"] = new(10, 50, 1, 1000, 40, "ScaleUpLimit", Up: Generate(30, 60, 0, 0, 0)),
        ["scaleUp with percent policy limitation"] = new(10, 50, 1, 1000, 30, "ScaleUpLimit", Up: Generate(0, 0, 200, 60, 0)),
        ["scaleDown with percent policy larger than pod policy"] = new(100, 2, 1, 1000, 80, "ScaleDownLimit", Down: Generate(20, 60, 1, 60, 300)),
        ["scaleDown with pod policy larger than percent policy"] = new(100, 2, 1, 1000, 98, "ScaleDownLimit", Down: Generate(2, 60, 1, 60, 300)),
        ["scaleDown with spec MinReplicas=nil limitation with large pod policy"] = new(10, 0, 1, 1000, 1, "TooFewReplicas", Down: Generate(100, 60, 0, 0, 300)),
        ["scaleDown with spec MinReplicas limitation with large pod policy"] = new(10, 0, 1, 1000, 1, "TooFewReplicas", Down: Generate(100, 60, 0, 0, 300)),
        ["scaleDown with spec MinReplicas limitation with large percent policy"] = new(10, 2, 5, 1000, 5, "TooFewReplicas", Down: Generate(0, 0, 100, 60, 300)),
        ["scaleDown with pod policy limitation"] = new(10, 2, 1, 1000, 5, "ScaleDownLimit", Down: Generate(5, 60, 0, 0, 300)),
        ["scaleDown with percent policy limitation"] = new(10, 5, 1, 1000, 5, "DesiredWithinRange", Down: Generate(0, 0, 50, 60, 300)),
        ["scaleUp with spec MaxReplicas limitation with large pod policy and events"] = new(100, 500, 1, 200, 200, "TooManyReplicas", Up: Generate(300, 60, 0, 0, 0), UpEvents: Events([1, 5, 9], 120)),
        ["scaleUp with spec MaxReplicas limitation with large percent policy and events"] = new(100, 500, 1, 200, 200, "TooManyReplicas", Up: Generate(0, 0, 10000, 60, 0), UpEvents: Events([1, 5, 9], 120)),
        ["scaleUp with currentReplicas limitation with rate.PeriodSeconds with a lot of recent scale up events"] = new(100, 500, 1, 1000, 100, "ScaleUpLimit", Up: Generate(5, 120, 0, 0, 0), UpEvents: Events([1, 5, 9], 120)),
        ["scaleUp with pod policy and previous scale up events"] = new(100, 500, 1, 1000, 235, "ScaleUpLimit", Up: Generate(150, 120, 0, 0, 0), UpEvents: Events([1, 5, 9], 120)),
        ["scaleUp with percent policy and previous scale up events"] = new(100, 500, 1, 1000, 255, "ScaleUpLimit", Up: Generate(0, 0, 200, 120, 0), UpEvents: Events([1, 5, 9], 120)),
        ["scaleUp with percent policy and previous scale up and down events"] = new(6, 24, 1, 1000, 16, "ScaleUpLimit", Up: Generate(0, 0, 300, 300, 0), UpEvents: Events([4], 120), DownEvents: Events([2], 120)),
        ["scaleDown with default policy and previous events"] = new(10, 5, 1, 1000, 5, "DesiredWithinRange", DownEvents: Events([1, 5, 9], 120)),
        ["scaleDown with spec MinReplicas=nil limitation with large pod policy and previous events"] = new(100, 0, 1, 1000, 1, "TooFewReplicas", Down: Generate(115, 120, 0, 0, 300), DownEvents: Events([1, 5, 9], 120)),
        ["scaleDown with spec MinReplicas limitation with large pod policy and previous events"] = new(100, 0, 5, 1000, 5, "TooFewReplicas", Down: Generate(130, 120, 0, 0, 300), DownEvents: Events([1, 5, 9], 120)),
        ["scaleDown with spec MinReplicas limitation with large percent policy and previous events"] = new(100, 2, 5, 1000, 5, "TooFewReplicas", Down: Generate(0, 0, 100, 120, 300), DownEvents: Events([1, 5, 9], 120)),
        ["scaleDown with pod policy limitation and previous events"] = new(100, 2, 1, 1000, 100, "ScaleDownLimit", Down: Generate(5, 120, 0, 0, 300), DownEvents: Events([1, 5, 9], 120)),
        ["scaleDown with percent policy limitation and previous events"] = new(100, 0, 1, 1000, 56, "ScaleDownLimit", Down: Generate(0, 0, 50, 120, 300), DownEvents: Events([2, 4, 6], 120)),
        ["scaleDown with percent policy and previous scale up and down events"] = new(10, 1, 1, 1000, 6, "ScaleDownLimit", Down: Generate(0, 0, 50, 180, 0), UpEvents: Events([2], 120), DownEvents: Events([4], 120)),
        ["scaleDown with previous events preventing further scale down"] = new(100, 0, 1, 1000, 100, "ScaleDownLimit", Down: Generate(0, 0, 10, 120, 300), DownEvents: Events([10, 10, 10], 120)),
        ["scaleDown with with previous events still allowing more scale down"] = new(10, 5, 1, 1000, 5, "DesiredWithinRange", Down: Generate(0, 0, 1000, 120, 300), DownEvents: Events([10, 10, 10], 120)),
        ["check 'outdated' flag for events for one behavior for up"] = new(100, 200, 1, 1000, 200, "DesiredWithinRange", Up: Generate(1000, 60, 0, 0, 0), UpEvents: Events([8, 12, 9, 11], 120)),
        ["check that events were not marked 'outdated' for two different policies in the behavior for up"] = new(100, 200, 1, 1000, 200, "DesiredWithinRange", Up: Generate(1000, 120, 100, 60, 0), UpEvents: Events([8, 12, 9, 11], 120)),
        ["check that events were marked 'outdated' for two different policies in the behavior for up"] = new(100, 200, 1, 1000, 200, "DesiredWithinRange", Up: Generate(1000, 30, 100, 60, 0), UpEvents: Events([8, 12, 9, 11], 120)),
        ["check 'outdated' flag for events for one behavior for down"] = new(100, 5, 1, 1000, 5, "DesiredWithinRange", Down: Generate(1000, 60, 0, 0, 300), DownEvents: Events([8, 12, 9, 11], 120)),
        ["check that events were not marked 'outdated' for two different policies in the behavior for down"] = new(100, 5, 1, 1000, 5, "DesiredWithinRange", Down: Generate(1000, 120, 100, 60, 300), DownEvents: Events([8, 12, 9, 11], 120)),
        ["check that events were marked 'outdated' for two different policies in the behavior for down"] = new(100, 5, 1, 1000, 5, "DesiredWithinRange", Down: Generate(1000, 30, 100, 60, 300), DownEvents: Events([8, 12, 9, 11], 120)),
    };

    public static TheoryData<string> Names => [.. Cases.Keys];

    [Theory]
    [MemberData(nameof(Names))]
    public void TestScalingWithRules(string name)
    {
        var tc = Cases[name];
        var arg = new NormalizationArg(
            HpaDefaults.GenerateHpaScaleUpRules(tc.Up), HpaDefaults.GenerateHpaScaleDownRules(tc.Down), tc.Min, tc.Max, tc.Current, tc.Desired);

        var result = ReplicaNormalization.ConvertDesiredReplicasWithBehaviorRate(arg, tc.UpEvents ?? [], tc.DownEvents ?? [], Now);

        Assert.Equal(tc.Expected, result.Replicas);
        Assert.Equal(tc.Condition, result.Reason);
    }
}
