using Autoscale.Hpa.Calculator;
using Autoscale.Hpa.Pods;
using static Autoscale.Hpa.Tests.Calculator.CalcScenario;

namespace Autoscale.Hpa.Tests.Calculator;

/// <summary>Port of replica_calculator_test.go TestReplicaCalcResourceScale; case names are upstream's.</summary>
public sealed class ReplicaCalcResourceScaleTests
{
    private const ConditionStatus T = ConditionStatus.True;
    private const ConditionStatus F = ConditionStatus.False;
    private const PodPhase Run = PodPhase.Running;

    private static readonly Dictionary<string, ResourceCase> Cases = new()
    {
        ["scale up"] = new(new() { CurrentReplicas = 3, Requests = Same(3, 1000), Levels = PodLevels(300, 500, 700) }, 30, 5, 50, 2 * 500),
        ["scale up: container metric"] = new(new() { CurrentReplicas = 3, Requests = Same(3, 1000), Levels = [[1000, 300], [1000, 500], [1000, 700]] }, 30, 5, 50, 500, "container2"),
        ["scale up: unready pod scales less"] = new(new() { CurrentReplicas = 3, Readiness = [F, T, T], Requests = Same(3, 1000), Levels = PodLevels(300, 500, 700) }, 30, 4, 60, 2 * 600),
        ["scale up: hot-CPU container scales less"] = new(new() { CurrentReplicas = 3, StartTimes = [HotCpuCreationTime, CoolCpuCreationTime, CoolCpuCreationTime], Requests = Same(3, 1000), Levels = [[0, 300], [0, 500], [0, 700]] }, 30, 4, 60, 600, "container2"),
        ["scale up: hot-CPU pod scales less"] = new(new() { CurrentReplicas = 3, StartTimes = [HotCpuCreationTime, CoolCpuCreationTime, CoolCpuCreationTime], Requests = Same(3, 1000), Levels = PodLevels(300, 500, 700) }, 30, 4, 60, 2 * 600),
        ["no scale: unready pods ignored"] = new(new() { CurrentReplicas = 3, Readiness = [T, F, F], Requests = Same(3, 1000), Levels = PodLevels(400, 500, 700) }, 30, 3, 40, 2 * 400),
        ["no scale: hot-CPU pods ignored"] = new(new() { CurrentReplicas = 3, Readiness = [T, F, F], StartTimes = [CoolCpuCreationTime, HotCpuCreationTime, HotCpuCreationTime], Requests = Same(3, 1000), Levels = PodLevels(400, 500, 700) }, 30, 3, 40, 2 * 400),
        ["scale up: failed pods ignored"] = new(new() { CurrentReplicas = 2, Readiness = [T, T, F, F], Phases = [Run, Run, PodPhase.Failed, PodPhase.Failed], Requests = Same(4, 1000), Levels = PodLevels(500, 700) }, 30, 4, 60, 2 * 600),
        ["scale up: failed pods ignored with missing container metric"] = new(new() { CurrentReplicas = 2, Readiness = [T, T, F, F], Phases = [Run, Run, PodPhase.Failed, PodPhase.Failed], Requests = Same(4, 1000), Levels = [[1000, 500], [9000, 700], [1000], [9000]] }, 30, 4, 60, 600, "container2"),
        ["scale up: container metrics with failed pods ignored"] = new(new() { CurrentReplicas = 2, Readiness = [T, T, F, F], Phases = [Run, Run, PodPhase.Failed, PodPhase.Failed], Requests = Same(4, 1000), Levels = [[1000, 500], [9000, 700]] }, 30, 4, 60, 600, "container2"),
        ["scale up: pods being deleted are ignored"] = new(new() { CurrentReplicas = 2, Readiness = [T, T, F, F], Phases = [Run, Run, Run, Run], Deleted = [false, false, true, true], Requests = Same(4, 1000), Levels = PodLevels(500, 700) }, 30, 4, 60, 2 * 600),
        ["scale up: container metrics with pods being deleted ignored"] = new(new() { CurrentReplicas = 2, Readiness = [T, T, F, F], Phases = [Run, Run, Run, Run], Deleted = [false, false, true, true], Requests = Same(4, 1000), Levels = PodLevels(500, 700) }, 30, 4, 60, 600, "container1"),
        ["scale down"] = new(new() { CurrentReplicas = 5, Requests = Same(5, 1000), Levels = PodLevels(100, 300, 500, 250, 250) }, 50, 3, 28, 2 * 280),
        ["scale down: container metric"] = new(new() { CurrentReplicas = 5, Requests = Same(5, 1000), Levels = [[1000, 100], [1000, 300], [1000, 500], [1000, 250], [1000, 250]] }, 50, 3, 28, 280, "container2"),
        ["scale down: exclude unready pods"] = new(new() { CurrentReplicas = 5, Readiness = [T, T, T, F, F], Requests = Same(5, 1000), Levels = PodLevels(100, 300, 500, 250, 250) }, 50, 2, 30, 2 * 300),
        ["scale down: container metric excludes unready pods"] = new(new() { CurrentReplicas = 5, Readiness = [T, T, T, F, F], Requests = Same(5, 1000), Levels = [[1000, 100], [1000, 300], [1000, 500], [1000, 250], [1000, 250]] }, 50, 2, 30, 300, "container2"),
        ["scale down: exclude unscheduled pods"] = new(new() { CurrentReplicas = 5, Readiness = [T, F, F, F, F], Phases = [Run, PodPhase.Pending, PodPhase.Pending, PodPhase.Pending, PodPhase.Pending], Requests = Same(5, 1000), Levels = PodLevels(100) }, 50, 1, 10, 2 * 100),
        ["scale down: container metric excludes unscheduled pods"] = new(new() { CurrentReplicas = 5, Readiness = [T, F, F, F, F], Phases = [Run, PodPhase.Pending, PodPhase.Pending, PodPhase.Pending, PodPhase.Pending], Requests = Same(5, 1000), Levels = [[1000, 100], [1000, 300], [1000, 500], [1000, 250], [1000, 250]] }, 50, 1, 10, 100, "container2"),
        ["scale down: ignore hot-CPU pods"] = new(new() { CurrentReplicas = 5, StartTimes = [CoolCpuCreationTime, CoolCpuCreationTime, CoolCpuCreationTime, HotCpuCreationTime, HotCpuCreationTime], Requests = Same(5, 1000), Levels = PodLevels(100, 300, 500, 250, 250) }, 50, 2, 30, 2 * 300),
        ["scale down: container metric ignores hot-CPU pods"] = new(new() { CurrentReplicas = 5, StartTimes = [CoolCpuCreationTime, CoolCpuCreationTime, CoolCpuCreationTime, HotCpuCreationTime, HotCpuCreationTime], Requests = Same(5, 1000), Levels = [[1000, 100], [1000, 300], [1000, 500], [1000, 1000], [1000, 1000]] }, 50, 2, 30, 300, "container2"),
        ["scale down: failed pods ignored"] = new(new() { CurrentReplicas = 5, Readiness = [T, T, T, T, T, F, F], Phases = [Run, Run, Run, Run, Run, PodPhase.Failed, PodPhase.Failed], Requests = Same(7, 1000), Levels = PodLevels(100, 300, 500, 250, 250) }, 50, 3, 28, 2 * 280),
        ["scale down: container metric with failed pods ignored"] = new(new() { CurrentReplicas = 5, Readiness = [T, T, T, T, T, F, F], Phases = [Run, Run, Run, Run, Run, PodPhase.Failed, PodPhase.Failed], Requests = Same(7, 1000), Levels = [[1000, 100], [1000, 300], [1000, 500], [1000, 250], [1000, 250]] }, 50, 3, 28, 280, "container2"),
        ["scale down: pods being deleted are ignored"] = new(new() { CurrentReplicas = 5, Readiness = [T, T, T, T, T, F, F], Phases = [Run, Run, Run, Run, Run, Run, Run], Deleted = [false, false, false, false, false, true, true], Requests = Same(7, 1000), Levels = PodLevels(100, 300, 500, 250, 250) }, 50, 3, 28, 2 * 280),
        ["scale down: still-running pods being deleted are ignored"] = new(new() { CurrentReplicas = 5, Readiness = [T, T, T, T, T, F, F], Phases = [Run, Run, Run, Run, Run, Run, Run], Deleted = [false, false, false, false, false, true, true], Requests = Same(7, 1000), Levels = [[1000, 100], [1000, 300], [1000, 500], [1000, 250], [1000, 250]] }, 50, 3, 28, 280, "container2"),
    };

    public static TheoryData<string> Names => [.. Cases.Keys];

    [Theory]
    [MemberData(nameof(Names))]
    public void TestReplicaCalcResourceScale(string name) => ResourceAssert.Run(Cases[name]);
}
