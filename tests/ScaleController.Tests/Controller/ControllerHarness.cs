using Autoscale.Kubernetes.Watch;
using Autoscale.ScaleController.Hosting;
using Autoscale.ScaleController.Kube;
using Autoscale.ScaleController.Loop;
using Autoscale.ScaleController.Tests.Kube;
using Autoscale.Testing.KubeApi;
using k8s.Models;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Autoscale.ScaleController.Tests.Controller;

/// <summary>
/// The whole controller (watch → decide → act, leader election, health) against the Kubernetes API test server
/// with the real KubernetesClient, on short timings: rounds every 300 ms, a 2 s lease.
/// </summary>
internal sealed class ControllerHarness : IAsyncDisposable
{
    public const string Config = """
        budget:
          maxGpus: 4
        workloads:
          - namespace: llm
            name: qwen
            warmPool:
              minimum: 1
        """;

    private readonly List<ControllerApp> _apps = [];

    private ControllerHarness(KubeApiTestServer server) => Server = server;

    public KubeApiTestServer Server { get; }

    public static TimeSpan Lease => TimeSpan.FromSeconds(2);

    public static async Task<ControllerHarness> StartAsync(string? config = Config, KubeApiTestServerOptions? serverOptions = null)
    {
        var harness = new ControllerHarness(await KubeApiTestServer.StartAsync(serverOptions));
        var server = harness.Server;
        server.Upsert(Seed.PriorityClass());
        server.Upsert(Seed.Deployment("llm", "qwen"));
        server.Upsert(Seed.Hpa("llm", "qwen", "qwen",
            new Dictionary<string, string> { ["autoscale.dev/pinned-fields"] = "scaleUp.policies" },
            new V2HorizontalPodAutoscalerBehavior { ScaleUp = new V2HPAScalingRules { Policies = [new V2HPAScalingPolicy { PeriodSeconds = 60, Type = "Pods", Value = 2 }] } }));
        if (config is not null)
        {
            server.Upsert(Seed.ConfigMap(config));
        }

        return harness;
    }

    public static string User(string identity) => "system:serviceaccount:autoscale:" + identity;

    public async Task<ControllerApp> StartControllerAsync(string identity, Func<ControllerOptions, ControllerOptions>? tweak = null, ILoggerFactory? logging = null)
    {
        Server.AddToken("token-" + identity, User(identity), "system:serviceaccounts");
        var options = new ControllerOptions
        {
            Identity = identity,
            HealthPort = -1,
            BindAddress = "127.0.0.1",
            LeaseDuration = Lease,
            RenewDeadline = TimeSpan.FromSeconds(1.5),
            RetryPeriod = TimeSpan.FromMilliseconds(200),
            Loop = new LoopOptions(TimeSpan.FromMilliseconds(300), TimeSpan.FromMilliseconds(50)),
            ApiRetry = new ApiRetryOptions(5, TimeSpan.FromMilliseconds(20)),
            Watch = new ReflectorOptions { InitialBackoff = TimeSpan.FromMilliseconds(100), MaxBackoff = TimeSpan.FromSeconds(1) },
        };
        var app = await ControllerApp.StartAsync(tweak?.Invoke(options) ?? options, Server.CreateClientConfiguration("token-" + identity), logging ?? NullLoggerFactory.Instance, TimeProvider.System);
        _apps.Add(app);
        return app;
    }

    /// <summary>Two workload pods that went Ready: cold starts of 150 s and 90 s (scheduling, pull, load).</summary>
    public void ScriptColdStarts()
    {
        Seed.Pod(Server, "llm", "qwen-a", "qwen", scheduled: 10, started: 40, ready: 150);
        var b = Seed.Pod(Server, "llm", "qwen-b", "qwen", scheduled: 5);
        Seed.Progress(Server, b, scheduled: 5, started: 30, ready: 90);
    }

    public V2HorizontalPodAutoscaler Hpa() => Server.Get<V2HorizontalPodAutoscaler>("llm", "qwen")!;

    public IReadOnlyList<V1Pod> Placeholders() =>
        [.. Server.List<V1Pod>("llm").Where(p => p.Metadata.Labels?.ContainsKey("autoscale.dev/placeholder") == true && p.Metadata.DeletionTimestamp is null)];

    /// <summary>Writes of the controller (not the seeding, which bypasses HTTP).</summary>
    public IEnumerable<RecordedRequest> Writes(string? identity = null) => Server.Requests.Where(r =>
        r.IsResourceRequest && r.Verb is "create" or "update" or "patch" or "delete" && (identity is null || r.User == User(identity)));

    public async ValueTask DisposeAsync()
    {
        foreach (var app in _apps)
        {
            await app.DisposeAsync();
        }

        await Server.DisposeAsync();
    }
}
