using Autoscale.Demo.Cluster;
using Autoscale.Kubectl.Status;

namespace Autoscale.Kubectl.Tests.Status;

/// <summary>
/// The adapter's Service loses its endpoints (its pods are gone): the aggregator marks the APIService
/// MissingEndpoints and answers 503 for every metric; status says which of the two comes first.
/// </summary>
public sealed class ApiServiceUnavailableTests : IClassFixture<ClusterWithAdapter>
{
    private readonly ClusterWithAdapter _cluster;

    public ApiServiceUnavailableTests(ClusterWithAdapter cluster) => _cluster = cluster;

    [Fact]
    public async Task An_unavailable_apiservice_is_named_with_the_aggregators_reason_and_every_metric_is_503()
    {
        var server = _cluster.Run.Cluster.Server;
        server.UnrouteService(DemoCluster.AdapterNamespace, DemoCluster.AdapterService);
        await server.CheckApiServicesAsync();

        var (exit, output) = await _cluster.StatusAsync("llama-3-8b");

        Assert.Equal(StatusCommand.Problems, exit);
        Assert.Contains("- APIService v1beta2.custom.metrics.k8s.io is not Available (MissingEndpoints): endpoints for service/autoscale-metrics-adapter in \"autoscale\" have no addresses with port name \"https\"", output, StringComparison.Ordinal);
        Assert.Contains("see docs/troubleshooting.md#apiservice-not-available", output, StringComparison.Ordinal);
        Assert.Matches(@"v1beta2\.custom\.metrics\.k8s\.io\s+autoscale/autoscale-metrics-adapter\s+NOT Available \(MissingEndpoints: ", output);
        Assert.Contains("vllm_queue_depth (Pods, target average 3): ServiceUnavailable (503): service unavailable", output, StringComparison.Ordinal);
        Assert.DoesNotContain("#metric-notfound", output, StringComparison.Ordinal);
    }
}
