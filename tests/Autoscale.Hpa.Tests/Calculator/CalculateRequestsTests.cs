using Autoscale.Hpa.Calculator;
using Autoscale.Hpa.Pods;

namespace Autoscale.Hpa.Tests.Calculator;

/// <summary>
/// Port of replica_calculator_test.go TestCalculateRequests (resource cpu throughout; the PodLevelResources
/// feature gate is the <c>podLevelResourcesEnabled</c> argument) and TestCalculatePodRequestsFromContainers_NonExistentContainer.
/// Case names are upstream's.
/// </summary>
public sealed class CalculateRequestsTests
{
    private const string Cpu = "cpu";
    private const string TestPod = "test-pod";

    private static readonly Dictionary<string, CalculateRequestsCase> Cases = new()
    {
        ["void"] = new([], "", false, [], null),
        ["Sum container requests if pod-level feature is disabled"] = new(
            [Pod([C("container1", 100), C("container2", 50)])], "", false, new() { [TestPod] = 150 }, null),
        ["Pod-level resources are enabled, but not set: fallback to sum container requests"] = new(
            [Pod([C("container1", 100), C("container2", 50)])], "", true, new() { [TestPod] = 150 }, null),
        ["Pod-level resources override container requests when feature enabled and pod resources specified"] = new(
            [Pod([C("container1", 100), C("container2", 50)], podLevel: 800)], "", true, new() { [TestPod] = 800 }, null),
        ["Fail if at least one of the containers is missing requests and pod-level feature/requests are not set"] = new(
            [Pod([C("container1"), C("container2", 50)])], "", false, null, "missing request for cpu in container container1 of Pod test-pod"),
        ["Pod-level resources override missing container requests when feature enabled and pod resources specified"] = new(
            [Pod([C("container1"), C("container2", 50)], podLevel: 800)], "", true, new() { [TestPod] = 800 }, null),
        ["Container: if a container name is specified, calculate requests only for that container"] = new(
            [Pod([C("container1", 100), C("container2", 50)])], "container1", false, new() { [TestPod] = 100 }, null),
        ["Container: if a container name is specified, calculate requests only for that container and ignore pod-level requests"] = new(
            [Pod([C("container1", 100), C("container2", 50)], podLevel: 800)], "container1", true, new() { [TestPod] = 100 }, null),
        ["pod with restartable init containers"] = new(
            [Pod([C("container1", 100), C("init-container1", 20, ContainerKind.Init), C("restartable-container1", 50, ContainerKind.RestartableInit)])],
            "", false, new() { [TestPod] = 150 }, null),
    };

    public static TheoryData<string> Names => [.. Cases.Keys];

    [Theory]
    [MemberData(nameof(Names))]
    public void TestCalculateRequests(string name)
    {
        var tc = Cases[name];

        var (requests, error) = PodRequests.CalculateRequests(tc.Pods, tc.Container, Cpu, tc.EnablePodLevelResources);

        Assert.Equal(tc.ExpectedRequests, requests);
        Assert.Equal(tc.ExpectedError, error);
    }

    [Fact]
    public void TestCalculatePodRequestsFromContainers_NonExistentContainer()
    {
        var (request, error) = PodRequests.CalculatePodRequestsFromContainers(Pod([C("container1", 100)]), "non-existent-container", Cpu);

        Assert.Equal("container non-existent-container not found in Pod test-pod", error);
        Assert.Equal(0, request);
    }

    private static HpaContainer C(string name, long? cpuMilli = null, ContainerKind kind = ContainerKind.Regular) =>
        new(name, cpuMilli is { } v ? new Dictionary<string, long> { [Cpu] = v } : [], kind);

    private static HpaPod Pod(HpaContainer[] containers, long? podLevel = null) =>
        new(TestPod, PodPhase.Running, null, null, containers, null, podLevel is { } v ? new Dictionary<string, long> { [Cpu] = v } : null);
}
