using Autoscale.Kubernetes;
using Autoscale.MetricsAdapter.Catalog;
using Autoscale.MetricsAdapter.Sources.Prometheus;
using Autoscale.MetricsAdapter.Sources.Prometheus.Client;
using Autoscale.MetricsAdapter.Sources.Prometheus.Rules;
using Autoscale.MetricsAdapter.Store;
using Autoscale.VllmEmulator.Model;
using Autoscale.VllmEmulator.Server;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using Prometheus;

namespace Autoscale.MetricsAdapter.Tests.Sources.Prometheus;

/// <summary>
/// Emulated vLLM pods on loopback (their model clock frozen on a FakeTimeProvider, so /metrics holds still until a
/// test moves it), the real Prometheus scraping them, a store that knows the pods, the Prometheus source and the
/// catalog provider that answers HPAs from the store.
/// </summary>
internal sealed class LiveSetup : IAsyncDisposable
{
    public const string RuleMetric = "vllm_num_requests_running_from_rule";

    public const string Rules = """
        rules:
        - seriesQuery: '{__name__=~"^vllm:num_requests_running$",namespace!="",pod!=""}'
          resources: {overrides: {namespace: {resource: namespace}, pod: {resource: pod}}}
          name: {matches: '^vllm:(.*)$', as: 'vllm_${1}_from_rule'}
          metricsQuery: 'sum(<<.Series>>{<<.LabelMatchers>>}) by (<<.GroupBy>>)'
        """;

    private LiveSetup(FakeTimeProvider clock, EmulatedFleet fleet, IReadOnlyList<EmulatedVllmPod> pods, PrometheusProcess prometheus, TimeSpan staleAfter, TimeSpan relistInterval)
    {
        Clock = clock;
        Fleet = fleet;
        Pods = pods;
        Prometheus = prometheus;
        _store.ReplaceInventory(pods.Select(p => new PodInfo(p.Namespace, p.Name, p.Labels, Autoscale.MetricsAdapter.Store.PodState.Ready)), []);
        _store.MarkInventorySynced();
        var options = new PrometheusSourceOptions
        {
            Url = prometheus.Url,
            Interval = TimeSpan.FromMilliseconds(250),
            Timeout = TimeSpan.FromMilliseconds(500),
            RetryBaseDelay = TimeSpan.FromMilliseconds(20),
            MaxRetries = 1,
            CircuitBreakDuration = TimeSpan.FromSeconds(1),
            RelistInterval = relistInterval,
            Rules = AdapterRulesParser.Parse(Rules).Rules,
        };
        Metrics = new PrometheusSourceMetrics(global::Prometheus.Metrics.NewCustomRegistry());
        var client = new PrometheusClient(PrometheusHttp.CreateClient(options, TimeProvider.System), options, TimeProvider.System);
        Source = new PrometheusSource(options, client, _store, TimeProvider.System, NullLogger<PrometheusSource>.Instance, Metrics);
        Provider = new CatalogMetricsProvider(_store, () => Source.Catalog, () => new ServingPolicy(staleAfter), TimeProvider.System, () => Source);
    }

    private readonly MetricStore _store = new();

    public FakeTimeProvider Clock { get; }

    public EmulatedFleet Fleet { get; }

    public IReadOnlyList<EmulatedVllmPod> Pods { get; }

    public PrometheusProcess Prometheus { get; }

    public PrometheusSource Source { get; }

    public PrometheusSourceMetrics Metrics { get; }

    public CatalogMetricsProvider Provider { get; }

    public MetricStore Store => _store;

    public static async Task<LiveSetup> StartAsync(IEnumerable<(string Namespace, string Pod, int Requests)> pods, TimeSpan staleAfter, TimeSpan? relistInterval = null)
    {
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero));
        var fleet = new EmulatedFleet(clock);
        var list = pods.ToList();
        var started = await fleet.StartAsync(list.Select(p => new PodOptions { Name = p.Pod, Namespace = p.Namespace, Profile = ReplicaProfiles.Llama31_8B_A10G }));
        for (var i = 0; i < list.Count; i++)
        {
            Submit(started[i], list[i].Requests);
        }

        // One engine step admits what fits in the KV cache; the rest waits. Then the model clock stands still.
        clock.Advance(TimeSpan.FromMilliseconds(50));
        var prometheus = await PrometheusProcess.StartAsync(started.Select(p => (p.Port, p.Namespace, p.Name)));
        return new LiveSetup(clock, fleet, started, prometheus, staleAfter, relistInterval ?? TimeSpan.FromSeconds(1));
    }

    /// <summary>Long prompts, so a few run and the rest queue (24k KV tokens on the A10G profile).</summary>
    public static void Submit(EmulatedVllmPod pod, int requests)
    {
        for (var i = 0; i < requests; i++)
        {
            pod.Submit(promptTokens: 4_000, outputTokens: 500);
        }
    }

    /// <summary>The served value of a pod, or null when the API would answer 404 for it.</summary>
    public double? Served(EmulatedVllmPod pod, string metric)
    {
        try
        {
            var info = new CustomMetricInfo(GroupResource.Pods, true, metric);
            // A rule query is registered by the read that first needs it (the API awaits this before reading).
            Provider.PrepareAsync(info, pod.Namespace, LabelSelector.Everything, CancellationToken.None).AsTask().GetAwaiter().GetResult();
            using var list = Provider.GetMetricByName(new ObjectKey(pod.Namespace, pod.Name), new CustomMetricInfo(GroupResource.Pods, true, metric), LabelSelector.Everything);
            return list.Items[0].Value;
        }
        catch (ApiStatusException)
        {
            return null;
        }
    }

    public DateTimeOffset? ServedTimestamp(EmulatedVllmPod pod, string metric)
    {
        using var list = Provider.GetMetricByName(new ObjectKey(pod.Namespace, pod.Name), new CustomMetricInfo(GroupResource.Pods, true, metric), LabelSelector.Everything);
        return list.Items[0].Timestamp;
    }

    public double Errors => Enum.GetValues<PromErrorKind>().Sum(Metrics.ErrorCount);

    public async ValueTask DisposeAsync()
    {
        await Source.StopAsync(CancellationToken.None);
        Source.Dispose();
        await Prometheus.DisposeAsync();
        await Fleet.DisposeAsync();
    }
}
