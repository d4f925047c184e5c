using System.Globalization;
using System.Text.Json.Nodes;
using Autoscale.MetricsAdapter.Auth;
using Autoscale.MetricsAdapter.Config;
using Autoscale.MetricsAdapter.Hosting;
using Autoscale.MetricsAdapter.Tests.Sources.Targets;
using Autoscale.MetricsAdapter.Tests.Support;
using Autoscale.Testing.KubeApi;
using Autoscale.VllmEmulator.Model;
using Autoscale.VllmEmulator.Server;
using k8s.Models;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;

namespace Autoscale.MetricsAdapter.Tests.EndToEnd;

/// <summary>
/// The adapter as `serve` composes it: discovery through the Kubernetes API test server (real KubernetesClient),
/// scraping emulated vLLM pods over loopback, and the real kubectl reading the answer.
/// </summary>
public sealed class ServeEndToEndTests : IAsyncLifetime
{
    private const string Ns = "llm";
    private static readonly int[] Queues = [3, 7, 12];
    private readonly TestPki _pki = new();
    private readonly FakeTimeProvider _podClock = new(TestFleet.Now); // frozen: the pods' queues stay as submitted
    private KubeApiTestServer _api = null!;
    private EmulatedFleet _fleet = null!;
    private WebApplication _app = null!;
    private string _kubeconfig = "";

    public async Task InitializeAsync()
    {
        _fleet = new EmulatedFleet(_podClock);
        var labels = new Dictionary<string, string> { ["app"] = "llama" };
        var pods = await _fleet.StartAsync(Enumerable.Range(0, Queues.Length).Select(i => new PodOptions
        {
            Name = $"llama-{i}", Namespace = Ns, Labels = labels, Profile = ReplicaProfiles.Llama31_8B_A10G, ServedModelName = "meta-llama/Llama-3.1-8B-Instruct",
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
        _api.Upsert(Kube.Deployment(Ns, "llama", labels));
        _api.Upsert(Kube.Hpa(Ns, "llama", "llama", Kube.PodsMetric("vllm_queue_depth")));
        foreach (var pod in pods)
        {
            _api.Upsert(Kube.Pod(Ns, pod.Name, labels, ip: "127.0.0.1", annotations: new Dictionary<string, string> { ["prometheus.io/port"] = pod.Port.ToString(CultureInfo.InvariantCulture) }));
        }

        var configFile = _pki.Write("adapter.yaml", "scrape:\n  interval: 500ms\n  timeout: 400ms\n  staleAfter: 5s\n");
        var options = new AdapterOptions
        {
            BindAddress = "127.0.0.1",
            SecurePort = 0,
            MetricsPort = 0,
            TlsCertFile = _pki.ServingCertFile,
            TlsPrivateKeyFile = _pki.ServingKeyFile,
            Authentication = new AuthenticationFlags(ClientCaFile: _pki.ClientCaFile, SkipClusterLookup: true),
            AuthorizationMode = AuthorizationMode.AllowAuthenticated,
            ConfigFile = configFile,
        };
        var registry = Prometheus.Metrics.NewCustomRegistry();
        _app = ServeCommand.Build(options, ConfigFileWatcher.LoadInitial(configFile, registry), registry, _api.CreateClient(), TimeProvider.System, l => l.SetMinimumLevel(LogLevel.Warning));
        await _app.StartAsync();
        using var client = _pki.ClientCertificate("sre");
        _kubeconfig = _pki.Write("kubeconfig", Kubeconfig.For(AdapterApp.BoundAddresses(_app)[0].GetLeftPart(UriPartial.Authority), _pki.ServingCa, client));
    }

    public async Task DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
        await _fleet.DisposeAsync();
        await _api.DisposeAsync();
        _pki.Dispose();
    }

    [Fact]
    public async Task Kubectl_sees_scraped_values_and_the_fleet_changing()
    {
        const string path = "/apis/custom.metrics.k8s.io/v1beta2/namespaces/llm/pods/*/vllm_queue_depth?labelSelector=app%3Dllama";

        var all = await ServedWhenAsync(path, items => items.Count == 3);
        Assert.Equal(Queues.Select(q => q.ToString(CultureInfo.InvariantCulture)), all.Select(i => (string?)i["value"]));

        var deployment = await ServedWhenAsync("/apis/custom.metrics.k8s.io/v1beta2/namespaces/llm/deployments.apps/llama/vllm_queue_depth", items => items.Count == 1);
        Assert.Equal("22", (string?)deployment[0]["value"]);

        // A pod turning unready (say vLLM restarted and is loading again) is no longer capacity: it leaves the answer.
        _api.Upsert(Kube.Pod(Ns, "llama-1", new Dictionary<string, string> { ["app"] = "llama" }, ip: "127.0.0.1", ready: false,
            annotations: new Dictionary<string, string> { ["prometheus.io/port"] = _fleet.Pods[1].Port.ToString(CultureInfo.InvariantCulture) }));
        var withoutUnready = await ServedWhenAsync(path, items => items.Count == 2);
        Assert.Equal(["llama-0", "llama-2"], withoutUnready.Select(i => (string?)i["describedObject"]!["name"]));

        // A deleted pod goes away.
        _api.Delete<V1Pod>(Ns, "llama-2");
        var afterDelete = await ServedWhenAsync(path, items => items.Count == 1);
        Assert.Equal("llama-0", (string?)afterDelete[0]["describedObject"]!["name"]);
    }

    private async Task<IReadOnlyList<JsonNode>> ServedWhenAsync(string path, Func<IReadOnlyList<JsonNode>, bool> condition)
    {
        string last = "";
        for (var attempt = 0; attempt < 60; attempt++)
        {
            var (code, stdout, stderr) = await Tool.RunAsync(Tool.Find("kubectl"), ["--kubeconfig", _kubeconfig, "get", "--raw", path], Tool.HomeIn(_pki.Directory));
            if (code == 0)
            {
                var items = JsonNode.Parse(stdout)!["items"]!.AsArray().Select(i => i!).ToList();
                if (condition(items))
                {
                    return items;
                }
            }

            last = code == 0 ? stdout : stderr;
            await Task.Delay(TimeSpan.FromMilliseconds(250), TimeProvider.System);
        }

        throw new TimeoutException($"condition never held for {path}; last answer: {last}");
    }
}
