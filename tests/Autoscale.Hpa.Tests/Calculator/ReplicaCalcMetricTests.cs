using Autoscale.Hpa.Calculator;
using Autoscale.Hpa.Metrics;
using Autoscale.Hpa.Pods;
using static Autoscale.Hpa.Tests.Calculator.CalcScenario;

namespace Autoscale.Hpa.Tests.Calculator;

/// <summary>
/// Ports of the single-case functions of replica_calculator_test.go for Pods, Object and External metrics; the
/// theory row is the upstream test function name.
/// </summary>
public sealed class ReplicaCalcMetricTests
{
    private const ConditionStatus T = ConditionStatus.True;
    private const ConditionStatus F = ConditionStatus.False;
    private static readonly Tolerances UpOnePercent = new(0.1, 0.01);

    private static readonly Dictionary<string, MetricCase> Cases = new()
    {
        ["TestReplicaCalcScaleUpOverflow"] = new(new() { CurrentReplicas = 3 }, MetricKind.Object, [long.MaxValue], 1, int.MaxValue, long.MaxValue),
        ["TestExternalPerPodMetricReplicaOverflow"] = new(new() { CurrentReplicas = 1 }, MetricKind.ExternalPerPod, [long.MaxValue], 1, int.MaxValue, long.MaxValue),
        ["TestExternalPerPodMetricUsageOverflow"] = new(new() { CurrentReplicas = 1 }, MetricKind.ExternalPerPod, [long.MaxValue], long.MaxValue, 1, long.MaxValue),
        ["TestReplicaCalcExternalMetricUsageOverflow"] = new(new() { CurrentReplicas = 3 }, MetricKind.External, [(long.MaxValue / 2) + 1, (long.MaxValue / 2) + 1], long.MaxValue, 3, long.MaxValue),
        ["TestReplicaCalcScaleUpCM"] = new(new() { CurrentReplicas = 3 }, MetricKind.Pod, [20000, 10000, 30000], 15000, 4, 20000),
        ["TestReplicaCalcScaleUpCMUnreadyHotCpuNoLessScale"] = new(new() { CurrentReplicas = 3, Readiness = [T, T, F], StartTimes = [CoolCpuCreationTime, CoolCpuCreationTime, HotCpuCreationTime] }, MetricKind.Pod, [50000, 10000, 30000], 15000, 6, 30000),
        ["TestReplicaCalcScaleUpCMUnreadyHotCpuScaleWouldScaleDown"] = new(new() { CurrentReplicas = 3, Readiness = [F, T, F], StartTimes = [HotCpuCreationTime, CoolCpuCreationTime, HotCpuCreationTime] }, MetricKind.Pod, [50000, 15000, 30000], 15000, 7, 31666),
        ["TestReplicaCalcScaleUpCMObject"] = new(new() { CurrentReplicas = 3 }, MetricKind.Object, [20000], 15000, 4, 20000),
        ["TestReplicaCalcScaleUpCMPerPodObject"] = new(new() { CurrentReplicas = 3 }, MetricKind.ObjectPerPod, [20000], 5000, 4, 6667),
        ["TestReplicaCalcScaleUpCMObjectIgnoresUnreadyPods"] = new(new() { CurrentReplicas = 3, Readiness = [F, T, F] }, MetricKind.Object, [50000], 10000, 5, 50000),
        ["TestReplicaCalcScaleUpCMExternalIgnoresUnreadyPods"] = new(new() { CurrentReplicas = 3, Readiness = [F, T, F] }, MetricKind.External, [8600], 4400, 2, 8600),
        ["TestReplicaCalcScaleUpPerPodCMExternal"] = new(new() { CurrentReplicas = 3 }, MetricKind.ExternalPerPod, [8600], 2150, 4, 2867),
        ["TestReplicaCalcScaleDownCM"] = new(new() { CurrentReplicas = 5 }, MetricKind.Pod, [12000, 12000, 12000, 12000, 12000], 20000, 3, 12000),
        ["TestReplicaCalcScaleDownPerPodCMObject"] = new(new() { CurrentReplicas = 5 }, MetricKind.ObjectPerPod, [6000], 2000, 3, 1200),
        ["TestReplicaCalcScaleDownCMObject"] = new(new() { CurrentReplicas = 5 }, MetricKind.Object, [12000], 20000, 3, 12000),
        ["TestReplicaCalcScaleDownCMExternal"] = new(new() { CurrentReplicas = 5 }, MetricKind.External, [8600], 14334, 3, 8600),
        ["TestReplicaCalcScaleDownPerPodCMExternal"] = new(new() { CurrentReplicas = 5 }, MetricKind.ExternalPerPod, [8600], 2867, 3, 1720),
        ["TestReplicaCalcToleranceCM"] = new(new() { CurrentReplicas = 3 }, MetricKind.Pod, [20000, 21000, 21000], 20000, 3, 20666),
        ["TestReplicaCalcToleranceCMObject"] = new(new() { CurrentReplicas = 3 }, MetricKind.Object, [20666], 20000, 3, 20666),
        ["TestReplicaCalcTolerancePerPodCMObject"] = new(new() { CurrentReplicas = 4 }, MetricKind.ObjectPerPod, [20166], 5000, 4, 5042),
        ["TestReplicaCalcToleranceCMExternal"] = new(new() { CurrentReplicas = 3 }, MetricKind.External, [8600], 8888, 3, 8600),
        ["TestReplicaCalcTolerancePerPodCMExternal"] = new(new() { CurrentReplicas = 3 }, MetricKind.ExternalPerPod, [8600], 2900, 3, 2867),
        ["TestReplicaCalcConfigurableToleranceCM"] = new(new() { CurrentReplicas = 3 }, MetricKind.Pod, [20000, 21000, 21000], 20000, 4, 20666, UpOnePercent),
        ["TestReplicaCalcConfigurableToleranceCMObject"] = new(new() { CurrentReplicas = 3 }, MetricKind.Object, [20666], 20000, 4, 20666, UpOnePercent),
        ["TestReplicaCalcConfigurableTolerancePerPodCMObject"] = new(new() { CurrentReplicas = 4 }, MetricKind.ObjectPerPod, [20208], 5000, 5, 5052, UpOnePercent),
        ["TestReplicaCalcConfigurableToleranceCMExternal"] = new(new() { CurrentReplicas = 3 }, MetricKind.External, [8900], 8800, 4, 8900, UpOnePercent),
        ["TestReplicaCalcConfigurableTolerancePerPodCMExternal"] = new(new() { CurrentReplicas = 3 }, MetricKind.ExternalPerPod, [8600], 2800, 4, 2867, UpOnePercent),
        ["TestPlainMetricReplicaCalcMissingMetricsNoChangeEq"] = new(new() { CurrentReplicas = 5 }, MetricKind.Pod, [20000, 19000, 21000], 20000, 5, 20000),
        ["TestReplicaCalcDuringRollingUpdateWithMaxSurgeCM"] = new(new() { CurrentReplicas = 2, Phases = [PodPhase.Running, PodPhase.Running, PodPhase.Running] }, MetricKind.Pod, [10000, 10000], 17000, 2, 10000),
    };

    public static TheoryData<string> Names => [.. Cases.Keys];

    [Theory]
    [MemberData(nameof(Names))]
    public void TestReplicaCalcMetric(string name)
    {
        var tc = Cases[name];
        var tolerances = tc.Tolerances ?? Tolerances.Default;
        var current = tc.Fixture.CurrentReplicas;
        var pods = tc.Fixture.Pods();
        var obj = new ObjectMetricSample(tc.Levels[0], tc.Fixture.Timestamp);
        IReadOnlyList<ExternalMetricSample> external = [.. tc.Levels.Select(l => new ExternalMetricSample(l, tc.Fixture.Timestamp))];
        var result = tc.Kind switch
        {
            MetricKind.Object => ResourceAssert.Calc.GetObjectMetricReplicas(current, tc.Target, "qps", tolerances, obj, pods),
            MetricKind.ObjectPerPod => ReplicaCalculator.GetObjectPerPodMetricReplicas(current, tc.Target, "qps", tolerances, obj),
            MetricKind.External => ResourceAssert.Calc.GetExternalMetricReplicas(current, tc.Target, "qps", tolerances, external, pods),
            MetricKind.ExternalPerPod => ReplicaCalculator.GetExternalPerPodMetricReplicas(current, tc.Target, "qps", tolerances, external),
            _ => ResourceAssert.Calc.GetMetricReplicas(current, tc.Target, "qps", tolerances, pods,
                [.. tc.Levels.Select((l, i) => new PodMetricSample($"test-pod-{i}", l, tc.Fixture.Timestamp))], Now),
        };

        Assert.Null(result.Error);
        Assert.Equal(tc.ExpectedReplicas, result.ReplicaCount);
        Assert.Equal(tc.ExpectedUsage, result.Usage);
    }
}
