using System.Globalization;
using Autoscale.MetricsAdapter.Config;
using Autoscale.MetricsAdapter.Hosting;
using Autoscale.MetricsAdapter.Tests.Sources.Targets;
using Autoscale.Testing.KubeApi;
using Autoscale.VllmEmulator.Model;
using Autoscale.VllmEmulator.Server;
using k8s.Models;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;

namespace Autoscale.MetricsAdapter.Tests.Support;

/// <summary>
/// The adapter as `serve` composes it over a small cluster: emulated vLLM pods llama-0..2 in <c>llm</c> (queues 3, 7
/// and 12, on a frozen clock so they stay as submitted) behind Deployment <c>llama</c> and one HPA in the Kubernetes
/// API test server, found through the real KubernetesClient and scraped every 500 ms over loopback.
/// </summary>
internal sealed class ServedFleet : IAsyncDisposable
{
    public const string Ns = "llm";
    public static readonly IReadOnlyList<int> Queues = [3, 7, 12];
    public static readonly IReadOnlyDictionary<string, string> Labels = new Dictionary<string, string> { ["app"] = "llama" };
    private readonly FakeTimeProvider _podClock = new(TestFleet.Now);
    private EmulatedFleet? _fleet;
    private KubeApiTestServer? _api;
    private WebApplication? _app;

    public TestPki Pki { get; } = new();

    public EmulatedFleet Fleet => _fleet ?? throw NotStarted();

    public KubeApiTestServer Api => _api ?? throw NotStarted();

    public WebApplication App => _app ?? throw NotStarted();

    /// <summary>Starts the pods, the API server holding them and HPA <paramref name="hpaName"/> on <paramref name="metric"/>, then the adapter.</summary>
    public async Task StartAsync(string hpaName, V2MetricSpec metric, Func<AdapterOptions, AdapterOptions>? configure = null)
    {
        _fleet = new EmulatedFleet(_podClock);
        var pods = await _fleet.StartAsync(Enumerable.Range(0, Queues.Count).Select(i => new PodOptions
        {
            Name = $"llama-{i}", Namespace = Ns, Labels = Labels, Profile = ReplicaProfiles.Llama31_8B_A10G, ServedModelName = "meta-llama/Llama-3.1-8B-Instruct",
        }));
        for (var i = 0; i < pods.Count; i++)
        {
            for (var r = 0; r < Queues[i]; r++)
            {
                Assert.True(pods[i].Submit(500, 100));
            }
        }

        _api = await KubeApiTestServer.StartAsync();
        _api.Upsert(new V1Namespace { Metadata = new V1ObjectMeta { Name = "default" } });
        _api.Upsert(Kube.Deployment(Ns, "llama", new Dictionary<string, string>(Labels)));
        _api.Upsert(Kube.Hpa(Ns, hpaName, "llama", metric));
        for (var i = 0; i < pods.Count; i++)
        {
            _api.Upsert(Pod(i));
        }

        var configFile = Pki.Write("adapter.yaml", "scrape:\n  interval: 500ms\n  timeout: 400ms\n  staleAfter: 5s\n");
        var options = RunningAdapter.LoopbackOptions(Pki) with { ConfigFile = configFile };
        options = configure?.Invoke(options) ?? options;
        var registry = Prometheus.Metrics.NewCustomRegistry();
        _app = ServeCommand.Build(options, ConfigFileWatcher.LoadInitial(configFile, registry), registry, _api.CreateClient(), TimeProvider.System, l => l.SetMinimumLevel(LogLevel.Warning));
        await _app.StartAsync();
    }

    /// <summary>Pod <paramref name="index"/> as discovery reads it: on loopback, its port in <c>prometheus.io/port</c>.</summary>
    public V1Pod Pod(int index, bool ready = true) => Kube.Pod(Ns, Fleet.Pods[index].Name, new Dictionary<string, string>(Labels), ip: "127.0.0.1", ready: ready,
        annotations: new Dictionary<string, string> { ["prometheus.io/port"] = Fleet.Pods[index].Port.ToString(CultureInfo.InvariantCulture) });

    public async ValueTask DisposeAsync()
    {
        if (_app is not null)
        {
            await _app.StopAsync();
            await _app.DisposeAsync();
        }

        if (_fleet is not null)
        {
            await _fleet.DisposeAsync();
        }

        if (_api is not null)
        {
            await _api.DisposeAsync();
        }

        Pki.Dispose();
    }

    private static InvalidOperationException NotStarted() => new("the served fleet was not started");
}
