using Autoscale.ScaleController.Config;
using Autoscale.ScaleController.Kube;
using Autoscale.ScaleController.Watch.CustomMetrics;
using Autoscale.ScaleController.Watch.QueueDepth;
using Autoscale.ScaleController.Telemetry;
using Autoscale.Testing.KubeApi;
using Microsoft.Extensions.Logging.Abstractions;
using static Autoscale.ScaleController.Tests.Decide.Fixtures;

namespace Autoscale.ScaleController.Tests.Watch.QueueDepth;

/// <summary>The feed through the real KubernetesClient (retry handler included) against the Kubernetes API test server.</summary>
public sealed class QueueDepthFeedTests
{
    private static readonly WorkloadConfig Predictive =
        Workload(policy: WithPool(1, predictive: PredictivePolicy.Default with { Enabled = true }));

    [Fact]
    public async Task Metric_not_served_is_one_unretried_read_no_sample_and_a_not_found_count()
    {
        await using var server = await KubeApiTestServer.StartAsync();
        var (feed, metrics, client) = Feed(server);
        using var _ = client;

        var series = await feed.RefreshAsync(ConfigOf(Predictive), CancellationToken.None);

        Assert.Empty(series[Qwen]);
        var read = Assert.Single(server.Requests);
        Assert.Equal(("get", "custom.metrics.k8s.io", "deployments.apps", "vllm_queue_depth", "llm", "qwen", 404),
            (read.Verb, read.ApiGroup, read.Resource, read.Subresource, read.Namespace, read.Name, read.StatusCode));
        Assert.Equal(1, metrics.MetricReads.WithLabels(MetricReadOutcome.NotFound).Value);
    }

    [Fact]
    public async Task Adapter_not_ready_is_not_retried_within_the_round()
    {
        await using var server = await KubeApiTestServer.StartAsync();
        server.FailNext(5, new InjectedFault(503));
        var (feed, metrics, client) = Feed(server);
        using var _ = client;

        var series = await feed.RefreshAsync(ConfigOf(Predictive), CancellationToken.None);

        Assert.Empty(series[Qwen]);
        Assert.Single(server.Requests);
        Assert.Equal(1, metrics.MetricReads.WithLabels(MetricReadOutcome.Unavailable).Value);
    }

    [Fact]
    public async Task Served_values_build_the_history_and_a_slow_adapter_times_out()
    {
        await using var server = await KubeApiTestServer.StartAsync();
        var fake = new CustomMetricsFake { Value = 3 };
        var (feed, metrics, client) = Feed(server, fake);
        using var _ = client;

        await feed.RefreshAsync(ConfigOf(Predictive), CancellationToken.None);
        await Task.Delay(TimeSpan.FromMilliseconds(20), TimeProvider.System);
        fake.Value = 7.5;
        var series = await feed.RefreshAsync(ConfigOf(Predictive), CancellationToken.None);

        Assert.Equal([3, 7.5], series[Qwen].Select(s => s.Value));
        Assert.Equal("/apis/custom.metrics.k8s.io/v1beta2/namespaces/llm/deployments.apps/qwen/vllm_queue_depth", fake.LastPath);
        Assert.Equal(2, metrics.MetricReads.WithLabels(MetricReadOutcome.Ok).Value);

        // Predictive off: not read, history dropped.
        Assert.Empty(await feed.RefreshAsync(ConfigOf(Workload(policy: WithPool(1))), CancellationToken.None));
        Assert.Equal(2, fake.Hits);

        var slow = new SlowHandler();
        var (slowFeed, slowMetrics, slowClient) = Feed(server, slow, TimeSpan.FromMilliseconds(300));
        using var __ = slowClient;
        var started = TimeProvider.System.GetTimestamp();
        Assert.Empty((await slowFeed.RefreshAsync(ConfigOf(Predictive), CancellationToken.None))[Qwen]);
        Assert.True(TimeProvider.System.GetElapsedTime(started) < TimeSpan.FromSeconds(5));
        Assert.Equal(1, slowMetrics.MetricReads.WithLabels(MetricReadOutcome.Timeout).Value);
    }

    [Fact]
    public async Task A_leader_worker_set_is_read_as_the_pod_metric_of_its_selected_pods_once_its_selector_is_known()
    {
        await using var server = await KubeApiTestServer.StartAsync();
        var fake = new CustomMetricsFake { Value = 4 };
        var (feed, metrics, client) = Feed(server, fake);
        using var _ = client;
        var lws = new WorkloadRef("llm", "vllm", WorkloadKind.LeaderWorkerSet);
        var config = ConfigOf(Workload(lws, WithPool(1, predictive: PredictivePolicy.Default with { Enabled = true })));

        var before = await feed.RefreshAsync(config, new Dictionary<WorkloadRef, string>(), CancellationToken.None);
        var after = await feed.RefreshAsync(config, new Dictionary<WorkloadRef, string> { [lws] = "leaderworkerset.sigs.k8s.io/name=vllm" }, CancellationToken.None);

        Assert.Empty(before[lws]);
        Assert.Equal([4.0], after[lws].Select(s => s.Value));
        Assert.Equal(1, fake.Hits);
        Assert.Equal("/apis/custom.metrics.k8s.io/v1beta2/namespaces/llm/pods/*/vllm_queue_depth", fake.LastPath);
        Assert.Equal("?labelSelector=leaderworkerset.sigs.k8s.io%2Fname%3Dvllm", fake.LastQuery);
        Assert.Equal(1, metrics.MetricReads.WithLabels(MetricReadOutcome.Ok).Value);
    }

    // The default 2 s timeout: a first request to a fresh server (cold JIT, tests in parallel) can take a while.
    private static (QueueDepthFeed Feed, ControllerMetrics Metrics, k8s.Kubernetes Client) Feed(KubeApiTestServer server, DelegatingHandler? inner = null, TimeSpan? timeout = null)
    {
        var metrics = new ControllerMetrics(Prometheus.Metrics.NewCustomRegistry());
        var client = KubeClientFactory.Create(
            server.CreateClientConfiguration(), new ApiRetryOptions(5, TimeSpan.FromMilliseconds(10)), metrics, TimeProvider.System, null, inner is null ? [] : [inner]);
        var feed = new QueueDepthFeed(new QueueDepthReader(client), metrics, TimeProvider.System, NullLogger.Instance) { Timeout = timeout ?? QueueDepthFeed.DefaultTimeout };
        return (feed, metrics, client);
    }

    /// <summary>An adapter that never answers.</summary>
    private sealed class SlowHandler : DelegatingHandler
    {
        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            await Task.Delay(Timeout.InfiniteTimeSpan, TimeProvider.System, cancellationToken);
            throw new InvalidOperationException("unreachable");
        }
    }
}
