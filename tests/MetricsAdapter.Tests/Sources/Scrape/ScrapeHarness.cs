using Autoscale.MetricsAdapter.Sources;
using Autoscale.MetricsAdapter.Sources.Scrape;
using Autoscale.MetricsAdapter.Store;
using Autoscale.VllmEmulator.Model;
using Autoscale.VllmEmulator.Server;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using Prometheus;
using StorePodState = Autoscale.MetricsAdapter.Store.PodState;
using Autoscale.MetricsAdapter.Sources.Definitions;
using Autoscale.MetricsAdapter.Sources.Scrape.Mapping;

namespace Autoscale.MetricsAdapter.Tests.Sources.Scrape;

/// <summary>
/// Emulated vLLM pods on loopback, a store, and the scrape service on a fake clock. Loops start at phase 0, so a
/// target's first scrape happens as soon as it is published; later ones when the test advances the clock.
/// </summary>
internal sealed class ScrapeHarness : IAsyncDisposable
{
    public const string Ns = "llm";
    public static readonly DateTimeOffset Start = new(2026, 1, 2, 3, 4, 0, TimeSpan.Zero);

    private readonly CollectorRegistry _registry = Metrics.NewCustomRegistry();

    public ScrapeHarness(ScrapeSettings? settings = null, HttpMessageHandler? handler = null)
    {
        Fleet = new EmulatedFleet(Time);
        Settings = settings ?? ScrapeSettings.Default with { Timeout = TimeSpan.FromSeconds(1), ClearAfterFailures = 3, Concurrency = 4 };
        Service = new ScrapeService(
            Targets, Store, new SourceHeartbeat(Settings.Interval), new ScrapeMetrics(_registry), Settings,
            new CatalogMapping(MetricCatalog.BuiltIn, Settings.LatencyWindow, Settings.ArrivalWindow), Time, NullLogger<ScrapeService>.Instance,
            handler, new ZeroRandom());
    }

    public FakeTimeProvider Time { get; } = new(Start);

    public EmulatedFleet Fleet { get; }

    public MetricStore Store { get; } = new();

    public ScrapeTargets Targets { get; } = new();

    public ScrapeService Service { get; }

    public ScrapeSettings Settings { get; }

    public static PodOptions Pod(string name, TimeSpan loadDelay = default) =>
        new() { Name = name, Namespace = Ns, Profile = ReplicaProfiles.Llama31_8B_H100, LoadDelay = loadDelay };

    public static ScrapeTarget TargetOf(EmulatedVllmPod pod) => new(new ObjectKey(pod.Namespace, pod.Name), TargetKind.InferenceServer, pod.MetricsUri);

    public void SetInventory(params string[] pods) =>
        Store.ReplaceInventory(pods.Select(p => new PodInfo(Ns, p, new Dictionary<string, string>(), StorePodState.Ready)), []);

    public async Task StartAsync() => await Service.StartAsync(CancellationToken.None);

    /// <summary>The pod's stored series of one metric (empty when none).</summary>
    public StoredSeries[] Series(string pod, string metric = "vllm_queue_depth") =>
        Store.Current.Namespace(Ns)?.PodsByName.GetValueOrDefault(pod)?.Slot.Metrics.ByMetric.GetValueOrDefault(metric) ?? [];

    public DateTimeOffset? LastTimestamp(string pod, string metric = "vllm_queue_depth") =>
        Series(pod, metric) is [var s, ..] ? s.Last.Timestamp : null;

    public double Errors(string kind) => ReadCounter("autoscale_adapter_scrape_errors_total", kind);

    public async ValueTask DisposeAsync()
    {
        await Service.StopAsync(CancellationToken.None);
        Service.Dispose();
        await Fleet.DisposeAsync();
    }

    private double ReadCounter(string name, string kind)
    {
        using var stream = new MemoryStream();
        _registry.CollectAndExportAsTextAsync(stream).GetAwaiter().GetResult();
        var prefix = $"{name}{{kind=\"{kind}\"}} ";
        foreach (var line in System.Text.Encoding.UTF8.GetString(stream.ToArray()).Split('\n'))
        {
            if (line.StartsWith(prefix, StringComparison.Ordinal))
            {
                return double.Parse(line[prefix.Length..], System.Globalization.CultureInfo.InvariantCulture);
            }
        }

        return 0;
    }

    private sealed class ZeroRandom : Random
    {
        public override double NextDouble() => 0;
    }
}
