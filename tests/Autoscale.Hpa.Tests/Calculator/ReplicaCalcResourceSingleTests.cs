using Autoscale.Hpa.Calculator;
using Autoscale.Hpa.Pods;
using static Autoscale.Hpa.Tests.Calculator.CalcScenario;

namespace Autoscale.Hpa.Tests.Calculator;

/// <summary>
/// Ports of the single-case resource functions of replica_calculator_test.go and the TestReplicaCalcConfigurableTolerance
/// table; the row is the upstream function (and sub-case) name.
/// </summary>
public sealed class ReplicaCalcResourceSingleTests
{
    private const ConditionStatus T = ConditionStatus.True;
    private const ConditionStatus F = ConditionStatus.False;
    private static readonly long[] Uneven = [900, 1000, 1100];

    private static readonly Dictionary<string, ResourceCase> Cases = new()
    {
        ["TestReplicaCalcDisjointResourcesMetrics"] = new(new() { CurrentReplicas = 1, Requests = [1000], Levels = PodLevels(100), PodNames = ["an-older-pod-name"] }, 100, 0, 0, 0, ExpectedError: "no metrics returned matched known pods"),
        ["TestReplicaCalcTolerance"] = new(new() { CurrentReplicas = 3, Requests = Uneven, Levels = PodLevels(1010, 1030, 1020) }, 100, 3, 102, 2 * 1020),
        ["TestReplicaCalcConfigurableTolerance/Outside of a 0% tolerance"] = new(new() { CurrentReplicas = 3, Requests = Uneven, Levels = PodLevels(909, 1010, 1111) }, 100, 4, 101, 2 * 1010, Tolerances: new Tolerances(0, 0)),
        ["TestReplicaCalcConfigurableTolerance/Within a 200% scale-up tolerance"] = new(new() { CurrentReplicas = 3, Requests = Uneven, Levels = PodLevels(1890, 1910, 1900) }, 100, 3, 190, 2 * 1900, Tolerances: new Tolerances(0.1, 2)),
        ["TestReplicaCalcConfigurableTolerance/Outside 8% scale-up tolerance (and superfuous scale-down tolerance)"] = new(new() { CurrentReplicas = 3, Requests = Uneven, Levels = PodLevels(1100, 1080, 1090) }, 100, 4, 109, 2 * 1090, Tolerances: new Tolerances(2, 0.08)),
        ["TestReplicaCalcConfigurableTolerance/Within a 36% scale-down tolerance"] = new(new() { CurrentReplicas = 3, Requests = Uneven, Levels = PodLevels(660, 640, 650) }, 100, 3, 65, 2 * 650, Tolerances: new Tolerances(0.36, 0.1)),
        ["TestReplicaCalcConfigurableTolerance/Outside a 34% scale-down tolerance"] = new(new() { CurrentReplicas = 3, Requests = Uneven, Levels = PodLevels(660, 640, 650) }, 100, 2, 65, 2 * 650, Tolerances: new Tolerances(0.34, 0.1)),
        ["TestReplicaCalcSuperfluousMetrics"] = new(new() { CurrentReplicas = 4, Requests = Same(4, 1000), Levels = PodLevels(4000, 9500, 3000, 7000, 3200, 2000) }, 100, 24, 587, 2 * 5875),
        ["TestReplicaCalcMissingMetrics"] = new(new() { CurrentReplicas = 4, Requests = Same(4, 1000), Levels = PodLevels(400, 95) }, 100, 3, 24, 495),
        ["TestReplicaCalcEmptyMetrics"] = new(new() { CurrentReplicas = 4, Requests = Same(3, 1000), Levels = [] }, 100, 0, 0, 0, ExpectedError: "unable to get metrics for resource cpu: no metrics returned from resource metrics API"),
        ["TestReplicaCalcEmptyCPURequest"] = new(new() { CurrentReplicas = 1, Requests = [], Levels = PodLevels(200) }, 100, 0, 0, 0, ExpectedError: "missing request for"),
        ["TestReplicaCalcMissingMetricsNoChangeEq"] = new(new() { CurrentReplicas = 2, Requests = Same(2, 1000), Levels = PodLevels(1000) }, 100, 2, 100, 2 * 1000),
        ["TestReplicaCalcMissingMetricsNoChangeGt"] = new(new() { CurrentReplicas = 2, Requests = Same(2, 1000), Levels = PodLevels(1900) }, 100, 2, 190, 2 * 1900),
        ["TestReplicaCalcMissingMetricsNoChangeLt"] = new(new() { CurrentReplicas = 2, Requests = Same(2, 1000), Levels = PodLevels(600) }, 100, 2, 60, 2 * 600),
        ["TestReplicaCalcMissingMetricsUnreadyChange"] = new(new() { CurrentReplicas = 3, Readiness = [F, T, T], Requests = Same(3, 1000), Levels = PodLevels(100, 450) }, 50, 3, 45, 2 * 450),
        ["TestReplicaCalcMissingMetricsHotCpuNoChange"] = new(new() { CurrentReplicas = 3, StartTimes = [HotCpuCreationTime, CoolCpuCreationTime, CoolCpuCreationTime], Requests = Same(3, 1000), Levels = PodLevels(100, 450) }, 50, 3, 45, 2 * 450),
        ["TestReplicaCalcMissingMetricsUnreadyScaleUp"] = new(new() { CurrentReplicas = 3, Readiness = [F, T, T], Requests = Same(3, 1000), Levels = PodLevels(100, 2000) }, 50, 4, 200, 2 * 2000),
        ["TestReplicaCalcMissingMetricsHotCpuScaleUp"] = new(new() { CurrentReplicas = 3, Readiness = [F, T, T], StartTimes = [HotCpuCreationTime, CoolCpuCreationTime, CoolCpuCreationTime], Requests = Same(3, 1000), Levels = PodLevels(100, 2000) }, 50, 4, 200, 2 * 2000),
        ["TestReplicaCalcMissingMetricsUnreadyScaleDown"] = new(new() { CurrentReplicas = 4, Readiness = [F, T, T, T], Requests = Same(4, 1000), Levels = PodLevels(100, 100, 100) }, 50, 3, 10, 2 * 100),
        ["TestReplicaCalcMissingMetricsScaleDownTargetOver100"] = new(new() { CurrentReplicas = 4, Readiness = [F, T, T, T], Requests = [1000, 1000, 2000, 2000], Levels = PodLevels(200, 100, 100) }, 300, 2, 6, 2 * 100),
        ["TestReplicaCalcDuringRollingUpdateWithMaxSurge"] = new(new() { CurrentReplicas = 2, Phases = [PodPhase.Running, PodPhase.Running, PodPhase.Running], Requests = Same(3, 1000), Levels = PodLevels(100, 100) }, 50, 2, 10, 2 * 100),
    };

    public static TheoryData<string> Names => [.. Cases.Keys];

    [Theory]
    [MemberData(nameof(Names))]
    public void TestReplicaCalcResource(string name) => ResourceAssert.Run(Cases[name]);

    [Theory]
    [InlineData(0.01, 9)]
    [InlineData(0.004, 10)]
    public void TestReplicaCalcComputedToleranceAlgImplementation(double targetOffset, int expectedReplicas)
    {
        const int startPods = 10;
        const long totalUsed = startPods * 150;
        const long totalRequested = 2 * totalUsed;
        const long perPodRequested = totalRequested / startPods;
        var requestedToUsed = (double)(totalRequested / totalUsed);
        var target = Math.Abs(1 / (requestedToUsed * (1 - 0.1))) + targetOffset;
        long[] offsets = [100, -100, 10, -10, 2, -2, 1, -1, 0, 0];
        var fixture = new CalcScenario
        {
            CurrentReplicas = startPods,
            Requests = [.. offsets.Select(o => perPodRequested + o)],
            Levels = PodLevels(Same(startPods, totalUsed / 10)),
        };

        ResourceAssert.Run(new ResourceCase(fixture, (int)(target * 100), expectedReplicas, (int)(totalUsed * 100 / totalRequested), 2 * totalUsed / 10));
    }
}
