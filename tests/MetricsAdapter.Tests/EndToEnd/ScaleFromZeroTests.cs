using System.Globalization;
using System.Net;
using System.Net.Security;
using System.Security.Cryptography.X509Certificates;
using System.Text.Json.Nodes;
using Autoscale.Hpa.Metrics;
using Autoscale.Hpa.Reconcile;
using Autoscale.Hpa.Spec;
using HpaMetricSpec = Autoscale.Hpa.Spec.MetricSpec;
using Autoscale.Kubernetes;
using Autoscale.MetricsAdapter.Api.Keda.Protocol;
using Autoscale.MetricsAdapter.Auth;
using Autoscale.MetricsAdapter.Config;
using Autoscale.MetricsAdapter.Hosting;
using Autoscale.MetricsAdapter.Tests.Api.Keda;
using Autoscale.MetricsAdapter.Tests.Sources.Targets;
using Autoscale.MetricsAdapter.Tests.Sources.Router;
using Autoscale.MetricsAdapter.Tests.Support;
using Autoscale.Testing.KubeApi;
using Grpc.Core;
using Grpc.Net.Client;
using k8s.Models;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Autoscale.MetricsAdapter.Tests.EndToEnd;

/// <summary>
/// Scale from zero, end to end: the adapter as <c>serve</c> composes it scrapes an emulated endpoint picker on
/// loopback and serves its flow-control queue for the model as an Object metric on the Deployment while the
/// Deployment has zero replicas and no pod; the HPA port (minReplicas 0, HPAScaleToZero) takes it from 0 to 1 to N;
/// KEDA's IsActive on the same value activates 0 → 1.
/// </summary>
public sealed class ScaleFromZeroTests : IAsyncLifetime
{
    private const string Ns = "llm";
    private const string Path = "/apis/custom.metrics.k8s.io/v1beta2/namespaces/llm/deployments.apps/llama/autoscale_router_pending_requests";
    private readonly TestPki _pki = new();
    private KubeApiTestServer _api = null!;
    private RouterPageServer _epp = null!;
    private WebApplication _app = null!;
    private GrpcChannel _channel = null!;
    private ExternalScaler.ExternalScalerClient _scaler = null!;
    private HttpClient _http = null!;
    private CurrentAdapterConfig _config = null!;
    private string _configText = "";
    private string _configFile = "";

    public async Task InitializeAsync()
    {
        _epp = await RouterPageServer.StartAsync(Page(queued: 0));
        _api = await KubeApiTestServer.StartAsync();
        _api.Upsert(new V1Namespace { Metadata = new V1ObjectMeta { Name = "default" } });
        var deployment = Kube.Deployment(Ns, "llama");
        deployment.Spec.Replicas = 0;
        _api.Upsert(deployment);
        // The HPA KEDA keeps for a ScaledObject while it holds the Deployment at zero.
        _api.Upsert(Kube.Hpa(Ns, "keda-hpa-llama-so", "llama", new V2MetricSpec
        {
            Type = "External",
            External = new V2ExternalMetricSource
            {
                Metric = new V2MetricIdentifier { Name = "s0-autoscale_router_pending_requests" },
                Target = new V2MetricTarget { Type = "AverageValue", AverageValue = new ResourceQuantity("1") },
            },
        }));

        _configText = $"""
            scrape:
              interval: 500ms
              timeout: 400ms
              staleAfter: 5s
            routers:
              - name: llama-epp
                kind: inferenceExtension
                url: {_epp.Url}
                models:
                  - model: llama-8b
                    target: {"{"} namespace: llm, name: llama {"}"}
            """;
        var configFile = _configFile = _pki.Write("adapter.yaml", _configText);
        var options = RunningAdapter.LoopbackOptions(_pki) with
        {
            MetricsPort = -1,
            ConfigFile = configFile,
            KedaScaler = new KedaScalerOptions { Port = 0, Plaintext = true, StreamInterval = TimeSpan.FromMilliseconds(200) },
        };
        var registry = Prometheus.Metrics.NewCustomRegistry();
        _config = ConfigFileWatcher.LoadInitial(configFile, registry);
        _app = ServeCommand.Build(options, _config, registry, _api.CreateClient(), TimeProvider.System, l => l.SetMinimumLevel(LogLevel.Warning));
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
        await _epp.DisposeAsync();
        await _api.DisposeAsync();
        _pki.Dispose();
    }

    [Fact]
    public async Task Served_on_the_deployment_at_zero_replicas_from_the_router_page()
    {
        _epp.Page = RouterPageServer.Fixture("inference-extension-epp");

        var item = await ServedAsync(4);

        Assert.Equal("Deployment", item["describedObject"]!["kind"]!.GetValue<string>());
        Assert.Equal("llama", item["describedObject"]!["name"]!.GetValue<string>());
        Assert.Equal("apps/v1", item["describedObject"]!["apiVersion"]!.GetValue<string>());
        var discovery = JsonNode.Parse(await _http.GetStringAsync("/apis/custom.metrics.k8s.io/v1beta2"))!;
        var names = discovery["resources"]!.AsArray().Select(r => r!["name"]!.GetValue<string>()).ToList();
        Assert.Contains("deployments.apps/autoscale_router_pending_requests", names);
        Assert.Contains("deployments.apps/autoscale_router_requests_per_second", names);

        // Not a value of any other object: the 404 says which router config would publish one.
        using var other = await _http.GetAsync(new Uri(Path.Replace("/llama/", "/qwen/", StringComparison.Ordinal), UriKind.Relative));
        Assert.Equal(HttpStatusCode.NotFound, other.StatusCode);
        var message = JsonNode.Parse(await other.Content.ReadAsStringAsync())!["message"]!.GetValue<string>();
        Assert.Contains("no router in the adapter's config (routers:) maps a model to deployments.apps llm/qwen", message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_router_that_stops_answering_is_not_served_as_zero()
    {
        await ServedAsync(0);

        _epp.Status = 503;

        var message = "";
        for (var attempt = 0; attempt < 80 && !message.Contains("is failing", StringComparison.Ordinal); attempt++)
        {
            await Task.Delay(TimeSpan.FromMilliseconds(250), TimeProvider.System);
            using var response = await _http.GetAsync(new Uri(Path, UriKind.Relative));
            message = response.StatusCode == HttpStatusCode.NotFound ? await response.Content.ReadAsStringAsync() : "";
        }

        Assert.Contains($"router llama-epp ({_epp.Url}) model llama-8b is failing: http:", message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_reload_moves_the_model_to_another_target_and_a_bad_edit_keeps_the_routers()
    {
        await ServedAsync(0);

        // Edits of the mounted file, as a ConfigMap update makes them (the watcher polls every 5 s).
        await File.WriteAllTextAsync(_configFile, _configText.Replace("kind: inferenceExtension", "kind: envoy", StringComparison.Ordinal));
        for (var attempt = 0; attempt < 80 && _config.IsValid; attempt++)
        {
            await Task.Delay(TimeSpan.FromMilliseconds(250), TimeProvider.System);
        }

        Assert.Contains("routers[0].kind:", _config.LastError, StringComparison.Ordinal);
        await ServedAsync(0);

        await File.WriteAllTextAsync(_configFile, _configText.Replace("name: llama }", "name: llama-v2 }", StringComparison.Ordinal));
        var moved = "";
        for (var attempt = 0; attempt < 80 && !moved.Contains("no router in the adapter's config", StringComparison.Ordinal); attempt++)
        {
            await Task.Delay(TimeSpan.FromMilliseconds(250), TimeProvider.System);
            using var response = await _http.GetAsync(new Uri(Path, UriKind.Relative));
            moved = response.StatusCode == HttpStatusCode.NotFound ? JsonNode.Parse(await response.Content.ReadAsStringAsync())!["message"]!.GetValue<string>() : "";
        }

        Assert.Contains("no router in the adapter's config (routers:) maps a model to deployments.apps llm/llama", moved, StringComparison.Ordinal);
        var v2 = await ServedAsync(0, Path.Replace("/llama/", "/llama-v2/", StringComparison.Ordinal));
        Assert.Equal("llama-v2", v2["describedObject"]!["name"]!.GetValue<string>());
    }

    [Fact]
    public async Task The_HPA_port_takes_it_to_zero_when_idle_and_from_zero_to_one_to_N_on_demand()
    {
        var autoscaler = new HpaAutoscaler(HpaControllerOptions.Default);
        var target = new CrossVersionObjectReference("Deployment", "llama", "apps/v1");
        var metric = new MetricIdentifier("autoscale_router_pending_requests");
        // minReplicas 0 is what HPAScaleToZero admits (Object and External metrics only); the API server defaults the
        // rest of behavior. No scale-down window here, so the idle step goes to zero at once.
        var spec = new HpaSpec(10, [HpaMetricSpec.Object(target, metric, MetricTarget.AverageValue(1000))], MinReplicas: 0,
            Behavior: HpaDefaults.SetDefaults_HorizontalPodAutoscalerBehavior(new HpaBehavior(ScaleDown: new HpaScalingRules(StabilizationWindowSeconds: 0))));
        var now = new DateTimeOffset(2026, 12, 7, 6, 0, 0, TimeSpan.Zero);
        var state = HpaControllerState.Empty;
        HpaStatus? status = null;
        // From one replica, as KEP-2021 (beta in 1.37) has it: the HPA scales from zero a workload it took to zero
        // itself (its ScaledToZero condition); one created at zero by hand is left alone.
        var replicas = 1;
        var trail = new List<int>();
        foreach (var queued in new[] { 0, 0, 1, 12, 12 })
        {
            _epp.Page = Page(queued);
            var served = await ServedAsync(queued);
            var metrics = new HpaMetricsSnapshot(ObjectMetrics: new Dictionary<ObjectMetricKey, ObjectMetricSample>
            {
                [new ObjectMetricKey(target, metric)] = new(Quantity.TryParseMilli(served["value"]!.GetValue<string>(), out var milli) ? milli : -1, now),
            });

            var result = autoscaler.Reconcile(new HpaReconcileInput(spec, new ScaleInfo(replicas, replicas, "app=vllm"), [], metrics, state, now, status));

            Assert.Null(result.Error);
            replicas = result.DesiredReplicas;
            state = result.NewState;
            status = result.Status;
            trail.Add(replicas);
            now = now.AddSeconds(30);
        }

        // Idle: 1 → 0, and 0 stays 0; one held request wakes one replica; a burst is taken at the default scale-up
        // rate (max(+4 pods, +100%) per 15 s): 1 → 5, then 5 → 10 (maxReplicas).
        Assert.Equal([0, 0, 1, 5, 10], trail);
    }

    [Fact]
    public async Task KEDA_activates_on_it_while_the_pods_metrics_are_unavailable()
    {
        var router = KedaClient.Ref("llama-so", ("metric", "autoscale_router_pending_requests"), ("target", "1"));
        var queue = KedaClient.Ref("llama-so", ("metric", "vllm_queue_depth"), ("target", "5"));
        await ServedAsync(0);

        Assert.False((await _scaler.IsActiveAsync(router)).Result);
        var spec = await _scaler.GetMetricSpecAsync(router);
        Assert.Equal("autoscale_router_pending_requests", Assert.Single(spec.MetricSpecs).MetricName);

        _epp.Page = Page(queued: 3);
        await ServedAsync(3);

        Assert.True((await _scaler.IsActiveAsync(router)).Result);
        var value = await _scaler.GetMetricsAsync(new GetMetricsRequest { MetricName = "autoscale_router_pending_requests", ScaledObjectRef = router });
        Assert.Equal(3, Assert.Single(value.MetricValues).MetricValueFloat);
        // At zero replicas there is no pod to read: the pods' metric is Unavailable, never an inactive 0.
        var error = await Assert.ThrowsAsync<RpcException>(async () => await _scaler.IsActiveAsync(queue));
        Assert.Equal(StatusCode.Unavailable, error.StatusCode);
    }

    private static string Page(int queued) => $"""
        # TYPE llm_d_epp_flow_control_queue_size gauge
        llm_d_epp_flow_control_queue_size{"{"}fairness_id="default",inference_pool="llama-pool",model_name="llama-8b",priority="0",target_model_name="llama-8b"{"}"} {queued.ToString(CultureInfo.InvariantCulture)}
        # TYPE inference_objective_request_total counter
        inference_objective_request_total{"{"}model_name="llama-8b",target_model_name="llama-8b"{"}"} 7

        """;

    /// <summary>The served item once the adapter has scraped the page that says <paramref name="expected"/>.</summary>
    private async Task<JsonNode> ServedAsync(double expected, string path = Path)
    {
        var last = "";
        for (var attempt = 0; attempt < 80; attempt++)
        {
            using var response = await _http.GetAsync(new Uri(path, UriKind.Relative));
            var body = await response.Content.ReadAsStringAsync();
            if (response.StatusCode == HttpStatusCode.OK)
            {
                var item = JsonNode.Parse(body)!["items"]![0]!;
                if (Quantity.TryParseMilli(item["value"]!.GetValue<string>(), out var milli) && milli == (long)(expected * 1000))
                {
                    return item;
                }
            }

            last = $"{response.StatusCode}: {body}";
            await Task.Delay(TimeSpan.FromMilliseconds(250), TimeProvider.System);
        }

        throw new TimeoutException($"{path} never served {expected}; last answer: {last}");
    }

    private HttpClient ApiClient(Uri address)
    {
        var handler = new SocketsHttpHandler
        {
            SslOptions = new SslClientAuthenticationOptions
            {
                ClientCertificates = new X509CertificateCollection { _pki.ClientCertificate("sre") },
                RemoteCertificateValidationCallback = (_, certificate, _, _) =>
                {
                    using var chain = new X509Chain();
                    chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
                    chain.ChainPolicy.CustomTrustStore.Add(_pki.ServingCa);
                    chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
                    return certificate is X509Certificate2 server && chain.Build(server);
                },
            },
        };
        return new HttpClient(handler) { BaseAddress = address };
    }
}
