using Autoscale.Kubernetes.Watch;
using Autoscale.Testing.KubeApi;
using k8s;
using k8s.Models;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Autoscale.Kubernetes.Tests.Watch;

/// <summary>A test server, a real client, and reflectors running in the background until disposed.</summary>
internal sealed class ReflectorHarness : IAsyncDisposable
{
    public static readonly ReflectorOptions FastOptions = new()
    {
        InitialBackoff = TimeSpan.FromMilliseconds(20),
        MaxBackoff = TimeSpan.FromMilliseconds(200),
        PageSize = 2,
    };

    private readonly CancellationTokenSource _stop = new();
    private readonly List<Task> _running = [];

    private ReflectorHarness(KubeApiTestServer server)
    {
        Server = server;
        Client = server.CreateClient();
    }

    public static Microsoft.Extensions.Logging.ILogger Logger { get; } = Environment.GetEnvironmentVariable("REFLECTOR_LOG") is null
        ? NullLogger.Instance
        : Microsoft.Extensions.Logging.LoggerFactory.Create(b => b.AddSimpleConsole().SetMinimumLevel(Microsoft.Extensions.Logging.LogLevel.Debug)).CreateLogger("reflector");

    public KubeApiTestServer Server { get; }

    public k8s.Kubernetes Client { get; }

    public static async Task<ReflectorHarness> StartAsync()
    {
        var server = await KubeApiTestServer.StartAsync();

        // An empty test server lists at resourceVersion "0", which a watch reads as "now" rather than "after 0";
        // a real cluster is never at 0, so start from a written state.
        server.Upsert(new V1Namespace { Metadata = new V1ObjectMeta { Name = "default" } });
        return new ReflectorHarness(server);
    }

    public Reflector<V1Pod> Pods(WatchScope? scope = null, ReflectorOptions? options = null, TimeProvider? time = null) =>
        new(ListWatch.Pods(Client, scope ?? WatchScope.All), time ?? TimeProvider.System, Logger, options ?? FastOptions);

    public void Run<T>(Reflector<T> reflector)
        where T : IKubernetesObject<V1ObjectMeta> =>
        _running.Add(reflector.RunAsync(_stop.Token));

    public async Task<Reflector<T>> RunSyncedAsync<T>(Reflector<T> reflector)
        where T : IKubernetesObject<V1ObjectMeta>
    {
        Run(reflector);
        await reflector.WaitForSyncAsync(CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(10));
        return reflector;
    }

    public V1Pod Pod(string ns, string name, IDictionary<string, string>? labels = null, string phase = "Running") =>
        Server.Upsert(new V1Pod
        {
            Metadata = new V1ObjectMeta { Name = name, NamespaceProperty = ns, Labels = labels },
            Status = new V1PodStatus { Phase = phase },
        });

    public int Count(string verb, string resource = "pods") =>
        Server.Requests.Count(r => r.Verb == verb && r.Resource == resource);

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        await Task.WhenAll(_running).WaitAsync(TimeSpan.FromSeconds(5));
        _stop.Dispose();
        Client.Dispose();
        await Server.DisposeAsync();
    }
}
