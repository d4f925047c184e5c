using Autoscale.Kubernetes.Watch;
using Autoscale.MetricsAdapter.Sources;
using Autoscale.MetricsAdapter.Sources.Targets;
using Autoscale.MetricsAdapter.Store;
using Autoscale.Testing.KubeApi;
using k8s.Models;
using Microsoft.Extensions.Logging.Abstractions;
using Autoscale.MetricsAdapter.Sources.Definitions;

namespace Autoscale.MetricsAdapter.Tests.Sources.Targets;

/// <summary>A test API server, a real client, and a running <see cref="TargetWatch"/> feeding a store and targets.</summary>
internal sealed class TargetWatchHarness : IAsyncDisposable
{
    private readonly CancellationTokenSource _stop = new();
    private readonly k8s.Kubernetes _client;
    private Task _running = Task.CompletedTask;

    private TargetWatchHarness(KubeApiTestServer server)
    {
        Server = server;
        _client = server.CreateClient();
    }

    public KubeApiTestServer Server { get; }

    public MetricStore Store { get; } = new();

    public ScrapeTargets Targets { get; } = new();

    public static async Task<TargetWatchHarness> StartAsync()
    {
        var server = await KubeApiTestServer.StartAsync();
        server.Upsert(new V1Namespace { Metadata = new V1ObjectMeta { Name = "default" } }); // a real cluster is never at resourceVersion 0
        return new TargetWatchHarness(server);
    }

    public async Task RunAsync(TargetWatchOptions? options = null)
    {
        var tuned = (options ?? new TargetWatchOptions()) with
        {
            Reflector = new ReflectorOptions { InitialBackoff = TimeSpan.FromMilliseconds(20), MaxBackoff = TimeSpan.FromMilliseconds(200) },
        };
        var discovery = new TargetWatch(_client, Store, Targets, MetricCatalog.BuiltIn, tuned, TimeProvider.System, NullLoggerFactory.Instance);
        _running = discovery.RunAsync(_stop.Token);
        await Eventually.TrueAsync(() => discovery.HasSynced, "discovery synced");
    }

    public PodView? StoredPod(string ns, string name) => Store.Current.Namespace(ns)?.PodsByName.GetValueOrDefault(name);

    public ScrapeTarget? Target(string ns, string name, TargetKind kind = TargetKind.InferenceServer) =>
        Targets.Current.FirstOrDefault(t => t.Pod == new ObjectKey(ns, name) && t.Kind == kind);

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        await _running.WaitAsync(TimeSpan.FromSeconds(5));
        _stop.Dispose();
        _client.Dispose();
        await Server.DisposeAsync();
    }
}
