using Autoscale.Hpa.Calculator;
using Autoscale.Hpa.Metrics;
using Autoscale.Hpa.Pods;

namespace Autoscale.Hpa.Tests.Calculator;

/// <summary>
/// Port of replica_calculator_test.go TestGroupPods; case names are upstream's. Upstream calls time.Now() per
/// field; here every "now" is <see cref="CalcScenario.Now"/>, which is also the grouping's clock, so the strict
/// comparisons see the same instants upstream's near-simultaneous calls do. Unset times are Go's zero time.
/// </summary>
public sealed class GroupPodsTests
{
    private const string Cpu = "cpu";
    private const string Memory = "memory";
    private static readonly DateTimeOffset Now = CalcScenario.Now;
    private static readonly DateTimeOffset Zero = CalcScenario.GoZeroTime;

    private static readonly Dictionary<string, GroupPodsCase> Cases = new()
    {
        ["void"] = new([], [], Cpu, 0, [], [], []),
        ["count in a ready pod - memory"] = new(
            [Pod("bentham", PodPhase.Succeeded)],
            new() { ["bentham"] = new(1, Now, TimeSpan.FromMinutes(1)) },
            Memory, 1, [], [], []),
        ["unready a pod without ready condition - CPU"] = new(
            [Pod("lucretius", PodPhase.Succeeded, start: Now)],
            new() { ["lucretius"] = Value1 },
            Cpu, 0, ["lucretius"], [], []),
        ["count in a ready pod with fresh metrics during initialization period - CPU"] = new(
            [Pod("bentham", PodPhase.Succeeded, start: Now.AddMinutes(-1), ready: new(ConditionStatus.True, Now.AddSeconds(-30)))],
            new() { ["bentham"] = new(1, Now, TimeSpan.FromSeconds(30)) },
            Cpu, 1, [], [], []),
        ["unready a ready pod without fresh metrics during initialization period - CPU"] = new(
            [Pod("bentham", PodPhase.Succeeded, start: Now.AddMinutes(-1), ready: new(ConditionStatus.True, Now.AddSeconds(-30)))],
            new() { ["bentham"] = new(1, Now, TimeSpan.FromSeconds(60)) },
            Cpu, 0, ["bentham"], [], []),
        ["unready an unready pod during initialization period - CPU"] = new(
            [Pod("lucretius", PodPhase.Succeeded, start: Now.AddMinutes(-10), ready: new(ConditionStatus.False, Now.AddMinutes(-9).AddSeconds(-54)))],
            new() { ["lucretius"] = Value1 },
            Cpu, 0, ["lucretius"], [], []),
        ["count in a ready pod without fresh metrics after initialization period - CPU"] = new(
            [Pod("bentham", PodPhase.Succeeded, start: Now.AddMinutes(-3), ready: new(ConditionStatus.True, Now.AddMinutes(-3)))],
            new() { ["bentham"] = new(1, Now.AddMinutes(-2), TimeSpan.FromMinutes(1)) },
            Cpu, 1, [], [], []),
        ["count in an unready pod that was ready after initialization period - CPU"] = new(
            [Pod("lucretius", PodPhase.Succeeded, start: Now.AddMinutes(-10), ready: new(ConditionStatus.False, Now.AddMinutes(-9)))],
            new() { ["lucretius"] = Value1 },
            Cpu, 1, [], [], []),
        ["unready pod that has never been ready after initialization period - CPU"] = new(
            [Pod("lucretius", PodPhase.Succeeded, start: Now.AddMinutes(-10), ready: new(ConditionStatus.False, Now.AddMinutes(-9).AddSeconds(-50)))],
            new() { ["lucretius"] = Value1 },
            Cpu, 1, [], [], []),
        ["a missing pod"] = new(
            [Pod("epicurus", PodPhase.Succeeded, start: Now.AddMinutes(-3))],
            [],
            Cpu, 0, [], ["epicurus"], []),
        ["several pods"] = new(
            [
                Pod("lucretius", PodPhase.Succeeded, start: Now),
                Pod("niccolo", PodPhase.Succeeded, start: Now.AddMinutes(-3), ready: new(ConditionStatus.True, Now.AddMinutes(-3))),
                Pod("epicurus", PodPhase.Succeeded, start: Now.AddMinutes(-3)),
            ],
            new() { ["lucretius"] = Value1, ["niccolo"] = Value1 },
            Cpu, 1, ["lucretius"], ["epicurus"], []),
        ["pending pods are unreadied"] = new(
            [Pod("unscheduled", PodPhase.Pending)],
            [],
            Cpu, 0, ["unscheduled"], [], []),
        ["ignore pods with deletion timestamps"] = new(
            [Pod("deleted", PodPhase.Pending, deleted: DateTimeOffset.FromUnixTimeSeconds(1))],
            new() { ["deleted"] = Value1 },
            Cpu, 0, [], [], ["deleted"]),
        ["ignore pods in a failed state"] = new(
            [Pod("failed", PodPhase.Failed)],
            new() { ["failed"] = Value1 },
            Cpu, 0, [], [], ["failed"]),
    };

    public static TheoryData<string> Names => [.. Cases.Keys];

    // metricsclient.PodMetric{Value: 1}: zero timestamp and window.
    private static PodMetric Value1 => new(1, Zero, TimeSpan.Zero);

    [Theory]
    [MemberData(nameof(Names))]
    public void TestGroupPods(string name)
    {
        var tc = Cases[name];

        // defaultTestingCPUInitializationPeriod and defaultTestingDelayOfInitialReadinessStatus.
        var groups = PodGrouping.GroupPods(tc.Pods, tc.Metrics, tc.Resource, TimeSpan.FromMinutes(2), TimeSpan.FromSeconds(10), Now);

        Assert.Equal(tc.ExpectReadyPodCount, groups.ReadyPodCount);
        Assert.True(groups.UnreadyPods.SetEquals(tc.ExpectUnreadyPods), $"unready: {string.Join(',', groups.UnreadyPods)}");
        Assert.True(groups.MissingPods.SetEquals(tc.ExpectMissingPods), $"missing: {string.Join(',', groups.MissingPods)}");
        Assert.True(groups.IgnoredPods.SetEquals(tc.ExpectIgnoredPods), $"ignored: {string.Join(',', groups.IgnoredPods)}");
    }

    private static HpaPod Pod(string name, PodPhase phase, DateTimeOffset? start = null, PodReadyCondition? ready = null, DateTimeOffset? deleted = null) =>
        new(name, phase, ready, start, [], deleted);
}
