using Autoscale.ScaleController.Config;
using Autoscale.ScaleController.Decide.Planner;
using Autoscale.ScaleController.Kube;
using Autoscale.ScaleController.Telemetry;
using Autoscale.ScaleController.Tests.Kube;
using Autoscale.ScaleController.Watch.CustomMetrics;
using Autoscale.ScaleController.Watch.Demand;
using Autoscale.Testing.KubeApi;
using Microsoft.Extensions.Logging.Abstractions;
using static Autoscale.ScaleController.Tests.Decide.Fixtures;

namespace Autoscale.ScaleController.Tests.Watch.Demand;

/// <summary>
/// The demand feed through the real KubernetesClient against the Kubernetes API test server, with the adapter as
/// the backend of its custom.metrics.k8s.io APIService (<see cref="PodMetricsAdapter"/>).
/// </summary>
public sealed class DemandFeedTests
{
    public static readonly ReplicaServiceProfile Profile = new()
    {
        PrefillSecondsPerToken = 0.0001, DecodeStepBaseSeconds = 0.01, DecodeStepPerSequenceSeconds = 0.0002, KvCacheTokens = 100_000, MaxSequences = 256,
    };

    private static readonly WorkloadConfig Planned = Workload(policy: WorkloadPolicy.Default with { Planner = PlannerPolicy.Off with { Enabled = true, Profile = Profile } });

    private static readonly Dictionary<WorkloadRef, string> Selectors = new() { [Qwen] = "app=qwen" };

    [Fact]
    public async Task Reads_every_demand_series_of_the_selected_pods_through_the_aggregation_layer()
    {
        await using var server = await KubeApiTestServer.StartAsync();
        var adapter = Seeded(server);
        Seed.Pod(server, "llm", "other-a", "other", scheduled: 1, started: 2, ready: 3);
        adapter.Set("other-a", DemandSeries.Arrivals, 100);
        var (feed, metrics, client) = Feed(server);
        using var _ = client;

        var demand = (await feed.RefreshAsync(ConfigOf(Planned), Selectors, CancellationToken.None))[Qwen];

        Assert.Equal((2, 5.0, 4.0, 2000.0, 400.0), (demand.Pods, demand.ArrivalRequestsPerSecond, demand.CompletedRequestsPerSecond, demand.PromptTokensPerSecond, demand.GenerationTokensPerSecond));
        Assert.Equal((3.0, 24.0), (demand.Waiting, demand.Running));
        Assert.Equal(0.03, demand.InterTokenLatencySeconds!.Value, 9);
        Assert.Equal((500.0, 100.0), (demand.WindowMeanPromptTokens, demand.WindowMeanOutputTokens));
        Assert.Equal(400.0, demand.WindowPromptTokensStandardDeviation!.Value, 9);
        Assert.Equal(Math.Sqrt((60 * 60) + (((90 * 90) + (110 * 110)) / 2.0) - (100 * 100)), demand.WindowOutputTokensStandardDeviation!.Value, 9);
        Assert.Equal(adapter.Timestamp, demand.ObservedAt);
        var reads = server.Requests.Where(r => r.ApiGroup == "custom.metrics.k8s.io").ToList();
        Assert.Equal(DemandSeries.All.Order(StringComparer.Ordinal), reads.Select(r => r.Subresource).Order(StringComparer.Ordinal));
        Assert.All(reads, r => Assert.Equal(("get", "v1beta2", "llm", "pods", "*", "?labelSelector=app%3Dqwen", 200), (r.Verb, r.ApiVersion, r.Namespace, r.Resource, r.Name, r.Query, r.StatusCode)));
        Assert.Equal(DemandSeries.All.Count, metrics.MetricReads.WithLabels(MetricReadOutcome.Ok).Value);
    }

    [Fact]
    public async Task No_adapter_gives_no_demand_and_counts_the_reads_not_found()
    {
        await using var server = await KubeApiTestServer.StartAsync();
        var (feed, metrics, client) = Feed(server);
        using var _ = client;

        var demand = await feed.RefreshAsync(ConfigOf(Planned), Selectors, CancellationToken.None);

        Assert.Empty(demand);
        Assert.Equal(DemandSeries.All.Count, metrics.MetricReads.WithLabels(MetricReadOutcome.NotFound).Value);
    }

    [Fact]
    public async Task One_required_rate_not_served_gives_no_demand_while_the_rest_are_read()
    {
        await using var server = await KubeApiTestServer.StartAsync();
        var adapter = Seeded(server);
        adapter.Clear(DemandSeries.Arrivals);
        var (feed, metrics, client) = Feed(server);
        using var _ = client;

        Assert.Empty(await feed.RefreshAsync(ConfigOf(Planned), Selectors, CancellationToken.None));
        Assert.Equal(1, metrics.MetricReads.WithLabels(MetricReadOutcome.NotFound).Value);
        Assert.Equal(DemandSeries.All.Count - 1, metrics.MetricReads.WithLabels(MetricReadOutcome.Ok).Value);
    }

    [Fact]
    public async Task An_adapter_failing_or_too_slow_gives_no_demand_within_the_timeout()
    {
        await using var server = await KubeApiTestServer.StartAsync();
        server.AddApiService(PodMetricsAdapter.Group, "v1beta2", _ => throw new HttpRequestException("connection refused"));
        var (feed, metrics, client) = Feed(server);
        using var _ = client;

        Assert.Empty(await feed.RefreshAsync(ConfigOf(Planned), Selectors, CancellationToken.None));
        Assert.Equal(DemandSeries.All.Count, metrics.MetricReads.WithLabels(MetricReadOutcome.Unavailable).Value);

        Seeded(server);
        // The timeout has to outlast the eleven reads that do answer: 300 ms once did not on a loaded CI machine and
        // every read counted as a timeout. Five seconds is far above their time and still bounds the one that hangs.
        var (slowFeed, slowMetrics, slowClient) = Feed(server, new NeverAnswers(DemandSeries.GenerationTokens), TimeSpan.FromSeconds(5));
        using var __ = slowClient;
        Assert.Empty(await slowFeed.RefreshAsync(ConfigOf(Planned), Selectors, CancellationToken.None));
        Assert.Equal(1, slowMetrics.MetricReads.WithLabels(MetricReadOutcome.Timeout).Value);
    }

    [Fact]
    public async Task Only_planner_workloads_with_a_known_selector_are_read()
    {
        await using var server = await KubeApiTestServer.StartAsync();
        var adapter = Seeded(server);
        var (feed, _, client) = Feed(server);
        using var __ = client;

        Assert.Empty(await feed.RefreshAsync(ConfigOf(Workload()), Selectors, CancellationToken.None));
        Assert.Empty(await feed.RefreshAsync(ConfigOf(Planned), new Dictionary<WorkloadRef, string>(), CancellationToken.None));
        Assert.Equal(0, adapter.Hits);
    }

    /// <summary>Two ready qwen pods with every demand series; pod b's a busier replica.</summary>
    internal static PodMetricsAdapter Seeded(KubeApiTestServer server)
    {
        Seed.Pod(server, "llm", "qwen-a", "qwen", scheduled: 1, started: 2, ready: 3);
        Seed.Pod(server, "llm", "qwen-b", "qwen", scheduled: 1, started: 2, ready: 3);
        var adapter = new PodMetricsAdapter(server) { Timestamp = new DateTimeOffset(2026, 12, 7, 6, 30, 0, TimeSpan.Zero) };
        foreach (var (metric, a, b) in new (string, double, double)[]
        {
            (DemandSeries.Arrivals, 2, 3), (DemandSeries.Completions, 2, 2), (DemandSeries.PromptTokens, 1000, 1000), (DemandSeries.GenerationTokens, 200, 200),
            (DemandSeries.Waiting, 1, 2), (DemandSeries.Running, 12, 12), (DemandSeries.WaitingPromptTokens, 500, 1000), (DemandSeries.KvCacheUsage, 0.3, 0.5),
            (DemandSeries.TimeToFirstToken, 0.3, 0.5), (DemandSeries.InterTokenLatency, 0.02, 0.04),
            (DemandSeries.MeanPromptTokens, 500, 500), (DemandSeries.MeanOutputTokens, 90, 110),
            (DemandSeries.PromptTokensStandardDeviation, 400, 400), (DemandSeries.OutputTokensStandardDeviation, 60, 60),
        })
        {
            adapter.Set("qwen-a", metric, a);
            adapter.Set("qwen-b", metric, b);
        }

        adapter.Register();
        return adapter;
    }

    /// <summary>
    /// Tests about what a read gives (not about the timeout) allow far more than the 2 s default: a loaded test machine
    /// once took longer than that for a first request with its retries and turned Unavailable into Timeout.
    /// </summary>
    private static readonly TimeSpan OutcomeTimeout = TimeSpan.FromSeconds(30);

    private static (DemandFeed Feed, ControllerMetrics Metrics, k8s.Kubernetes Client) Feed(KubeApiTestServer server, DelegatingHandler? inner = null, TimeSpan? timeout = null)
    {
        var metrics = new ControllerMetrics(Prometheus.Metrics.NewCustomRegistry());
        var client = KubeClientFactory.Create(
            server.CreateClientConfiguration(), new ApiRetryOptions(5, TimeSpan.FromMilliseconds(10)), metrics, TimeProvider.System, null, inner is null ? [] : [inner]);
        return (new DemandFeed(client, metrics, TimeProvider.System, NullLogger.Instance) { Timeout = timeout ?? OutcomeTimeout }, metrics, client);
    }

    /// <summary>An adapter that never answers for one metric.</summary>
    private sealed class NeverAnswers(string metric) : DelegatingHandler
    {
        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            if (request.RequestUri!.AbsolutePath.EndsWith("/" + metric, StringComparison.Ordinal))
            {
                await Task.Delay(Timeout.InfiniteTimeSpan, TimeProvider.System, cancellationToken);
            }

            return await base.SendAsync(request, cancellationToken);
        }
    }
}
