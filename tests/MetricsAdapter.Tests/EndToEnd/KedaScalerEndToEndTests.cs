using System.Globalization;
using System.Net.Security;
using System.Security.Cryptography.X509Certificates;
using System.Text.Json.Nodes;
using Autoscale.Kubernetes;
using Autoscale.MetricsAdapter.Api.Keda.Protocol;
using Autoscale.MetricsAdapter.Auth;
using Autoscale.MetricsAdapter.Config;
using Autoscale.MetricsAdapter.Hosting;
using Autoscale.MetricsAdapter.Tests.Api.Keda;
using Autoscale.MetricsAdapter.Tests.Sources.Targets;
using Autoscale.MetricsAdapter.Tests.Support;
using Autoscale.Testing.KubeApi;
using Autoscale.VllmEmulator.Model;
using Autoscale.VllmEmulator.Server;
using Grpc.Core;
using Grpc.Net.Client;
using k8s.Models;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;

namespace Autoscale.MetricsAdapter.Tests.EndToEnd;

/// <summary>
/// The adapter as `serve` composes it, with the scaler on: a KEDA-made HPA (External <c>s0-vllm_queue_depth</c>, no
/// Pods metric) is enough for discovery to scrape the emulated vLLM pods, and KEDA's four calls read what the custom
/// metrics API serves for the scale target's selector, a loading pod left out of both.
/// </summary>
public sealed class KedaScalerEndToEndTests : IAsyncLifetime
{
    private const string Ns = "llm";
    private static readonly int[] Queues = [3, 7, 12];
    private static readonly Dictionary<string, string> Labels = new() { ["app"] = "llama" };
    private readonly TestPki _pki = new();
    private readonly FakeTimeProvider _podClock = new(TestFleet.Now); // frozen: the pods' queues stay as submitted
    private KubeApiTestServer _api = null!;
    private EmulatedFleet _fleet = null!;
    private WebApplication _app = null!;
    private GrpcChannel _channel = null!;
    private ExternalScaler.ExternalScalerClient _scaler = null!;
    private HttpClient _http = null!;

    public async Task InitializeAsync()
    {
        _fleet = new EmulatedFleet(_podClock);
        var pods = await _fleet.StartAsync(Enumerable.Range(0, Queues.Length).Select(i => new PodOptions
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
        _api.Upsert(Kube.Deployment(Ns, "llama", Labels));
        _api.Upsert(Kube.Hpa(Ns, "keda-hpa-llama-so", "llama", new V2MetricSpec
        {
            Type = "External",
            External = new V2ExternalMetricSource
            {
                Metric = new V2MetricIdentifier { Name = "s0-vllm_queue_depth" },
                Target = new V2MetricTarget { Type = "AverageValue", AverageValue = new ResourceQuantity("5") },
            },
        }));
        foreach (var pod in pods)
        {
            _api.Upsert(Pod(pod.Name, pod.Port, ready: true));
        }

        var configFile = _pki.Write("adapter.yaml", "scrape:\n  interval: 500ms\n  timeout: 400ms\n  staleAfter: 5s\n");
        var options = new AdapterOptions
        {
            BindAddress = "127.0.0.1",
            SecurePort = 0,
            MetricsPort = -1,
            TlsCertFile = _pki.ServingCertFile,
            TlsPrivateKeyFile = _pki.ServingKeyFile,
            Authentication = new AuthenticationFlags(ClientCaFile: _pki.ClientCaFile, SkipClusterLookup: true),
            AuthorizationMode = AuthorizationMode.AllowAuthenticated,
            ConfigFile = configFile,
            KedaScaler = new KedaScalerOptions { Port = 0, Plaintext = true, StreamInterval = TimeSpan.FromMilliseconds(200) },
        };
        var registry = Prometheus.Metrics.NewCustomRegistry();
        _app = ServeCommand.Build(options, ConfigFileWatcher.LoadInitial(configFile, registry), registry, _api.CreateClient(), TimeProvider.System, l => l.SetMinimumLevel(LogLevel.Warning));
        await _app.StartAsync();
        (_channel, _scaler) = KedaClient.Connect(_app.Services.GetRequiredService<KedaScalerHost>().Address!);
        _http = ApiClient(AdapterApp.BoundAddresses(_app)[0]);
    }

    public async Task DisposeAsync()
    {
        _http.Dispose();
        _channel.Dispose();
        await _app.StopAsync();
        await _app.DisposeAsync();
        await _fleet.DisposeAsync();
        await _api.DisposeAsync();
        _pki.Dispose();
    }

    [Fact]
    public async Task All_four_calls_read_what_the_custom_metrics_API_serves_loading_pod_left_out()
    {
        // No labelSelector: the pods are the scale target's, found through KEDA's HPA.
        var trigger = KedaClient.Ref("llama-so", ("metric", "vllm_queue_depth"), ("target", "5"), ("activationTarget", "2"));

        var spec = await _scaler.GetMetricSpecAsync(trigger);
        Assert.Equal(5, Assert.Single(spec.MetricSpecs).TargetSizeFloat);

        Assert.Equal(22, await EventuallyAsync(trigger, 22));
        Assert.Equal(22, await ServedSumAsync());
        Assert.True((await _scaler.IsActiveAsync(trigger)).Result);
        using (var stream = _scaler.StreamIsActive(trigger))
        {
            Assert.True(await stream.ResponseStream.MoveNext(CancellationToken.None));
            Assert.True(stream.ResponseStream.Current.Result);
        }

        // llama-1 loads again (not Ready): left out of both answers the same way.
        _api.Upsert(Pod("llama-1", _fleet.Pods[1].Port, ready: false));
        Assert.Equal(15, await EventuallyAsync(trigger, 15));
        Assert.Equal(15, await ServedSumAsync());
    }

    private static V1Pod Pod(string name, int port, bool ready) => Kube.Pod(Ns, name, Labels, ip: "127.0.0.1", ready: ready,
        annotations: new Dictionary<string, string> { ["prometheus.io/port"] = port.ToString(CultureInfo.InvariantCulture) });

    /// <summary>GetMetrics until it answers <paramref name="expected"/> (discovery and the first scrapes take a moment).</summary>
    private async Task<double> EventuallyAsync(ScaledObjectRef trigger, double expected)
    {
        var last = "";
        for (var attempt = 0; attempt < 80; attempt++)
        {
            try
            {
                var value = Assert.Single((await _scaler.GetMetricsAsync(new GetMetricsRequest { MetricName = "vllm_queue_depth", ScaledObjectRef = trigger })).MetricValues).MetricValueFloat;
                if (value == expected)
                {
                    return value;
                }

                last = value.ToString(CultureInfo.InvariantCulture);
            }
            catch (RpcException ex)
            {
                last = $"{ex.StatusCode}: {ex.Status.Detail}";
            }

            await Task.Delay(TimeSpan.FromMilliseconds(250), TimeProvider.System);
        }

        throw new TimeoutException($"GetMetrics never answered {expected}; last answer: {last}");
    }

    private async Task<double> ServedSumAsync()
    {
        var body = JsonNode.Parse(await _http.GetStringAsync("/apis/custom.metrics.k8s.io/v1beta2/namespaces/llm/pods/*/vllm_queue_depth?labelSelector=app%3Dllama"))!;
        return body["items"]!.AsArray().Sum(i => Quantity.TryParseMilli((string)i!["value"]!, out var milli) ? milli / 1000.0 : double.NaN);
    }

    private HttpClient ApiClient(Uri address)
    {
        var handler = new SocketsHttpHandler
        {
            SslOptions = new SslClientAuthenticationOptions
            {
                ClientCertificates = new X509CertificateCollection { _pki.ClientCertificate("sre") },
                RemoteCertificateValidationCallback = (_, certificate, _, _) => _pki.IssuedByServingCa(certificate),
            },
        };
        return new HttpClient(handler) { BaseAddress = address };
    }
}
