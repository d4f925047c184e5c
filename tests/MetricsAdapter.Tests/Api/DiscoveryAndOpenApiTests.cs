using System.Net;
using System.Text.Json.Nodes;
using Autoscale.MetricsAdapter.Tests.Support;
using Microsoft.Extensions.Time.Testing;
using Autoscale.MetricsAdapter.Catalog;

namespace Autoscale.MetricsAdapter.Tests.Api;

public sealed class DiscoveryAndOpenApiTests : IAsyncLifetime
{
    private readonly TestPki _pki = new();
    private RunningAdapter _adapter = null!;
    private HttpClient _client = null!;

    public async Task InitializeAsync()
    {
        _adapter = await RunningAdapter.StartAsync(_pki, TestFleet.Create(), new FakeTimeProvider(TestFleet.Now), o => o with { EnableExternalMetrics = true });
        _client = _adapter.CreateClient(_pki.ClientCertificate("jane"));
    }

    public async Task DisposeAsync()
    {
        _client.Dispose();
        await _adapter.DisposeAsync();
        _pki.Dispose();
    }

    [Fact]
    public async Task Apis_lists_both_groups_with_v1beta2_preferred()
    {
        var json = await GetJson("/apis");

        Assert.Equal("APIGroupList", (string?)json["kind"]);
        var custom = json["groups"]!.AsArray().Single(g => (string?)g!["name"] == "custom.metrics.k8s.io")!;
        Assert.Equal(["custom.metrics.k8s.io/v1beta2", "custom.metrics.k8s.io/v1beta1"], custom["versions"]!.AsArray().Select(v => (string?)v!["groupVersion"]));
        Assert.Equal("v1beta2", (string?)custom["preferredVersion"]!["version"]);
        Assert.Contains(json["groups"]!.AsArray(), g => (string?)g!["name"] == "external.metrics.k8s.io");
    }

    [Theory]
    [InlineData("v1beta1")]
    [InlineData("v1beta2")]
    public async Task Resource_lists_have_one_entry_per_served_metric_and_resource(string version)
    {
        var json = await GetJson($"/apis/custom.metrics.k8s.io/{version}");

        Assert.Equal($"custom.metrics.k8s.io/{version}", (string?)json["groupVersion"]);
        var resources = json["resources"]!.AsArray();
        Assert.NotEmpty(resources);
        var pods = resources.Single(r => (string?)r!["name"] == "pods/vllm_queue_depth")!;
        Assert.True((bool)pods["namespaced"]!);
        Assert.Equal("MetricValueList", (string?)pods["kind"]);
        Assert.Equal(["get"], pods["verbs"]!.AsArray().Select(v => (string?)v));
        Assert.Equal("", (string?)pods["singularName"]);
        Assert.False((bool)resources.Single(r => (string?)r!["name"] == "namespaces/vllm_queue_depth")!["namespaced"]!);
        Assert.Contains(resources, r => (string?)r!["name"] == "deployments.apps/vllm_kv_cache_usage");
    }

    [Fact]
    public async Task External_discovery_lists_the_catalog()
    {
        var json = await GetJson("/apis/external.metrics.k8s.io/v1beta1");

        Assert.Contains(json["resources"]!.AsArray(), r => (string?)r!["name"] == "vllm_queue_depth" && (string?)r["kind"] == "ExternalMetricValueList");
    }

    [Fact]
    public async Task External_metrics_are_served_per_model_when_enabled()
    {
        var json = await GetJson("/apis/external.metrics.k8s.io/v1beta1/namespaces/llm/vllm_queue_depth?labelSelector=model_name%3DQwen_Qwen2.5-7B-Instruct");

        Assert.Equal("ExternalMetricValueList", (string?)json["kind"]);
        var item = Assert.Single(json["items"]!.AsArray())!;
        Assert.Equal("2k", (string?)item["value"]);
        Assert.Equal("Qwen_Qwen2.5-7B-Instruct", (string?)item["metricLabels"]!["model_name"]);
    }

    [Fact]
    public async Task OpenApi_v2_is_a_swagger_document_with_an_ETag()
    {
        using var response = await _client.GetAsync(new Uri("/openapi/v2", UriKind.Relative));
        var json = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;

        Assert.Equal("2.0", (string?)json["swagger"]);
        Assert.NotNull(json["paths"]!["/apis/custom.metrics.k8s.io/v1beta2/namespaces/{namespace}/{resource}/{name}/{metric}"]);
        Assert.NotNull(json["definitions"]!["io.k8s.metrics.pkg.apis.custom_metrics.v1beta2.MetricValueList"]);
        var etag = response.Headers.ETag!.Tag;

        using var conditional = new HttpRequestMessage(HttpMethod.Get, new Uri("/openapi/v2", UriKind.Relative));
        conditional.Headers.IfNoneMatch.ParseAdd(etag);
        using var notModified = await _client.SendAsync(conditional);
        Assert.Equal(HttpStatusCode.NotModified, notModified.StatusCode);
    }

    [Fact]
    public async Task OpenApi_documents_carry_the_catalog_with_its_source_series()
    {
        var v2 = await GetJson("/openapi/v2");
        var v3 = await GetJson("/openapi/v3/apis/custom.metrics.k8s.io/v1beta2");

        foreach (var doc in new[] { v2, v3 })
        {
            var queue = doc["info"]!["x-autoscale-metrics"]!.AsArray().Single(m => (string?)m!["name"] == "vllm_queue_depth")!;
            Assert.Contains("vllm:num_requests_waiting", queue["sourceSeries"]!.AsArray().Select(v => (string?)v));
            Assert.Equal("Sum", (string?)queue["podAggregation"]);
            Assert.Null(queue["formula"]);

            var itl = doc["info"]!["x-autoscale-metrics"]!.AsArray().Single(m => (string?)m!["name"] == "vllm_inter_token_latency_seconds")!;
            Assert.Equal("WindowMean", (string?)itl["formula"]);
            var input = Assert.Single(itl["inputs"]!.AsArray())!;
            Assert.Equal("HistogramSumCount", (string?)input["kind"]);
            Assert.Equal(["vllm:inter_token_latency_seconds", "vllm:time_per_output_token_seconds"], input["sourceSeries"]!.AsArray().Select(v => (string?)v));
        }
    }

    [Fact]
    public async Task OpenApi_v3_root_points_at_documents_that_exist()
    {
        var root = await GetJson("/openapi/v3");

        var paths = root["paths"]!.AsObject();
        Assert.Contains("apis/custom.metrics.k8s.io/v1beta2", paths.Select(p => p.Key));
        foreach (var (_, entry) in paths)
        {
            var doc = await GetJson((string)entry!["serverRelativeURL"]!);
            Assert.Equal("3.0.0", (string?)doc["openapi"]);
            Assert.NotEmpty(doc["components"]!["schemas"]!.AsObject());
        }
    }

    private async Task<JsonNode> GetJson(string path)
    {
        using var response = await _client.GetAsync(new Uri(path, UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
    }
}
