using System.Net;
using System.Text.Json.Nodes;
using Autoscale.MetricsAdapter.Auth;
using Autoscale.MetricsAdapter.Config;
using Autoscale.MetricsAdapter.Hosting;
using Autoscale.MetricsAdapter.Tests.Sources.Targets;
using Autoscale.MetricsAdapter.Tests.Support;
using Autoscale.Testing.KubeApi;
using k8s.Models;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Logging;

namespace Autoscale.MetricsAdapter.Tests.EndToEnd;

/// <summary>With Prometheus as the source and Prometheus unreachable, a metric read says why instead of "not found".</summary>
public sealed class PrometheusDownTests
{
    [Fact]
    public async Task An_unreachable_Prometheus_is_named_in_the_Status()
    {
        using var pki = new TestPki();
        await using var api = await KubeApiTestServer.StartAsync();
        api.Upsert(new V1Namespace { Metadata = new V1ObjectMeta { Name = "default" } });
        var labels = new Dictionary<string, string> { ["app"] = "llama" };
        api.Upsert(Kube.Deployment("llm", "llama", labels));
        api.Upsert(Kube.Hpa("llm", "llama", "llama", Kube.PodsMetric("vllm_queue_depth")));
        api.Upsert(Kube.Pod("llm", "llama-0", labels, ip: "127.0.0.1"));

        // Port 9 (discard) on loopback: nothing listens, connections are refused at once.
        var configFile = pki.Write("adapter.yaml", "prometheus:\n  url: http://127.0.0.1:9/\n  interval: 500ms\n  timeout: 200ms\n");
        var options = RunningAdapter.LoopbackOptions(pki) with
        {
            MetricsPort = -1,
            ConfigFile = configFile,
        };
        var registry = Prometheus.Metrics.NewCustomRegistry();
        var app = ServeCommand.Build(options, ConfigFileWatcher.LoadInitial(configFile, registry), registry, api.CreateClient(), TimeProvider.System, l => l.SetMinimumLevel(LogLevel.Critical));
        await app.StartAsync();
        try
        {
            var handler = new SocketsHttpHandler();
            handler.SslOptions.RemoteCertificateValidationCallback = (_, _, _, _) => true;
            handler.SslOptions.ClientCertificates = [pki.ClientCertificate("sre")];
            using var client = new HttpClient(handler) { BaseAddress = AdapterApp.BoundAddresses(app)[0] };
            JsonNode? status = null;
            for (var i = 0; i < 300 && (string?)status?["reason"] != "InternalError"; i++)
            {
                await Task.Delay(TimeSpan.FromMilliseconds(100), TimeProvider.System);
                using var response = await client.GetAsync(new Uri("/apis/custom.metrics.k8s.io/v1beta2/namespaces/llm/pods/*/vllm_queue_depth", UriKind.Relative));
                status = JsonNode.Parse(await response.Content.ReadAsStringAsync());
                Assert.NotEqual(HttpStatusCode.OK, response.StatusCode);
            }

            Assert.True((int?)status!["code"] == 500, status.ToJsonString());
            Assert.True(((string?)status["message"])!.StartsWith("Internal error occurred: unable to fetch metrics: prometheus at http://127.0.0.1:9/ is failing since ", StringComparison.Ordinal), (string?)status["message"]);

            // The planner's desired replicas do not come from Prometheus: absent, it says why; published, it is served.
            var desired = new Uri("/apis/custom.metrics.k8s.io/v1beta2/namespaces/llm/deployments.apps/llama/autoscale_desired_replicas", UriKind.Relative);
            using (var absent = await client.GetAsync(desired))
            {
                var body = await absent.Content.ReadAsStringAsync();
                Assert.True(absent.StatusCode == HttpStatusCode.NotFound, body);
                Assert.Contains("annotation autoscale.dev/desired-replicas has no value", body, StringComparison.Ordinal);
            }

            var hpa = Kube.Hpa("llm", "llama", "llama", Kube.PodsMetric("vllm_queue_depth"));
            var at = TimeProvider.System.GetUtcNow().UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", System.Globalization.CultureInfo.InvariantCulture);
            hpa.Metadata.Annotations = new Dictionary<string, string> { ["autoscale.dev/desired-replicas"] = $"{{\"replicas\":7,\"at\":\"{at}\"}}" };
            api.Upsert(hpa);
            var served = HttpStatusCode.NotFound;
            for (var i = 0; i < 100 && served != HttpStatusCode.OK; i++)
            {
                await Task.Delay(TimeSpan.FromMilliseconds(50), TimeProvider.System);
                using var response = await client.GetAsync(desired);
                served = response.StatusCode;
            }

            Assert.Equal(HttpStatusCode.OK, served);
        }
        finally
        {
            await app.StopAsync();
            await app.DisposeAsync();
        }
    }
}
