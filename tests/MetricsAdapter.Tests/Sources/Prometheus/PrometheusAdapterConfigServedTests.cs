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

namespace Autoscale.MetricsAdapter.Tests.Sources.Prometheus;

/// <summary>
/// The whole adapter (<c>serve</c> with a config file) over production-stack's and externalmetrics.md's rules and the
/// real Prometheus: discovery, a namespace metric and an external metric over HTTPS, as an HPA or kubectl reads them.
/// Expected values as in <see cref="PrometheusAdapterExamplesTests"/> (what prometheus-adapter's code would serve).
/// </summary>
public sealed class PrometheusAdapterConfigServedTests(AdapterExamplesPrometheus prometheus) : IClassFixture<AdapterExamplesPrometheus>
{
    [Fact]
    public async Task Discovery_and_reads_over_the_API_follow_the_rules()
    {
        using var pki = new TestPki();
        await using var api = await KubeApiTestServer.StartAsync();
        api.Upsert(new V1Namespace { Metadata = new V1ObjectMeta { Name = "llm" } });
        // A CRD the built-in table does not know: the cluster's API discovery lists it, as the RESTMapper would.
        api.UpsertJson("""{"apiVersion": "serving.kserve.io/v1beta1", "kind": "InferenceService", "metadata": {"name": "llama", "namespace": "llm"}}""");
        var configFile = pki.Write("adapter.yaml", $$$"""
            prometheus:
              url: {{{prometheus.Url}}}
              interval: 500ms
              timeout: 20s
              rules:
              - seriesQuery: '{__name__=~"^vllm:num_requests_waiting$"}'
                resources:
                  overrides:
                    namespace:
                      resource: "namespace"
                name:
                  matches: ""
                  as: "vllm_num_requests_waiting"
                metricsQuery: sum by(namespace) (vllm:num_requests_waiting)
              - seriesQuery: 'up'
                resources: { overrides: { pod: { resource: pod } } }
              - seriesQuery: 'kserve_queue{namespace!=""}'
                resources: {template: "<<.Resource>>"}
              externalRules:
              - seriesQuery: '{__name__="queue_consumer_lag",name!=""}'
                metricsQuery: sum(<<.Series>>{<<.LabelMatchers>>}) by (name)
                resources:
                  overrides: { namespace: {resource: "namespace"} }
            """);
        var options = RunningAdapter.LoopbackOptions(pki) with
        {
            MetricsPort = -1,
            ConfigFile = configFile,
            EnableExternalMetrics = true,
        };
        var registry = global::Prometheus.Metrics.NewCustomRegistry();
        var config = ConfigFileWatcher.LoadInitial(configFile, registry);
        // Refused at load, listed with its index (what --check prints); the other rules are served.
        var refusal = Assert.Single(config.Current.Prometheus!.Refusals);
        Assert.Equal(("rules", 1), (refusal.Section, refusal.Index));
        Assert.StartsWith("no label maps to namespaces", refusal.Reason, StringComparison.Ordinal);
        var app = ServeCommand.Build(options, config, registry, api.CreateClient(), TimeProvider.System, l => l.SetMinimumLevel(LogLevel.Critical));
        await app.StartAsync();
        try
        {
            var handler = new SocketsHttpHandler();
            handler.SslOptions.RemoteCertificateValidationCallback = (_, _, _, _) => true;
            handler.SslOptions.ClientCertificates = [pki.ClientCertificate("sre")];
            using var client = new HttpClient(handler) { BaseAddress = AdapterApp.BoundAddresses(app)[0] };

            var namespaceValue = await UntilOk(client, "/apis/custom.metrics.k8s.io/v1beta2/namespaces/llm/metrics/vllm_num_requests_waiting");
            var item = namespaceValue["items"]![0]!;
            Assert.Equal("15", (string?)item["value"]);
            Assert.Equal("Namespace", (string?)item["describedObject"]!["kind"]);

            var discovery = await UntilOk(client, "/apis/custom.metrics.k8s.io/v1beta2");
            var listed = discovery["resources"]!.AsArray().Where(r => ((string?)r!["name"])!.EndsWith("/vllm_num_requests_waiting", StringComparison.Ordinal)).ToList();
            Assert.Equal("namespaces/vllm_num_requests_waiting", (string?)Assert.Single(listed)!["name"]);
            Assert.False((bool)listed[0]!["namespaced"]!);

            // sum(kserve_queue{namespace="llm",inferenceservice="llama"}) by (inferenceservice)
            Assert.Contains(discovery["resources"]!.AsArray(), r => (string?)r!["name"] == "inferenceservices.serving.kserve.io/kserve_queue" && (bool)r["namespaced"]!);
            var custom = await UntilOk(client, "/apis/custom.metrics.k8s.io/v1beta2/namespaces/llm/inferenceservices.serving.kserve.io/llama/kserve_queue");
            Assert.Equal(("6", "InferenceService"), ((string?)custom["items"]![0]!["value"], (string?)custom["items"]![0]!["describedObject"]!["kind"]));

            var external = await UntilOk(client, "/apis/external.metrics.k8s.io/v1beta1/namespaces/default/queue_consumer_lag?labelSelector=name%3Dorders");
            var lag = Assert.Single(external["items"]!.AsArray())!;
            Assert.Equal(("42", "orders"), ((string?)lag["value"], (string?)lag["metricLabels"]!["name"]));

            // The refusal is counted in the adapter's own metrics.
            using var exported = new MemoryStream();
            await registry.CollectAndExportAsTextAsync(exported);
            Assert.Contains("autoscale_adapter_prometheus_rules_refused{section=\"rules\"} 1\n", System.Text.Encoding.UTF8.GetString(exported.ToArray()), StringComparison.Ordinal);
        }
        finally
        {
            await app.StopAsync();
            await app.DisposeAsync();
        }
    }

    private static async Task<JsonNode> UntilOk(HttpClient client, string path)
    {
        string last = "";
        var deadline = System.Diagnostics.Stopwatch.StartNew();
        while (deadline.Elapsed < TimeSpan.FromSeconds(60))
        {
            using var response = await client.GetAsync(new Uri(path, UriKind.Relative));
            last = await response.Content.ReadAsStringAsync();
            if (response.IsSuccessStatusCode && !last.Contains("\"items\":[]", StringComparison.Ordinal))
            {
                return JsonNode.Parse(last)!;
            }

            await Task.Delay(TimeSpan.FromMilliseconds(100), TimeProvider.System);
        }

        Assert.Fail($"{path} did not answer 200 with items within 60 s: {last}");
        return null!;
    }
}
