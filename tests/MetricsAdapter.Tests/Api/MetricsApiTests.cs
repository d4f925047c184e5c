using System.Net;
using System.Text.Json.Nodes;
using Autoscale.MetricsAdapter.Tests.Support;
using Microsoft.Extensions.Time.Testing;

namespace Autoscale.MetricsAdapter.Tests.Api;

/// <summary>Every path and both versions over real HTTPS with a client certificate, compared with golden replies.</summary>
public sealed class MetricsApiTests : IAsyncLifetime
{
    private readonly TestPki _pki = new();
    private readonly FakeTimeProvider _time = new(TestFleet.Now);
    private RunningAdapter _adapter = null!;
    private HttpClient _client = null!;

    public async Task InitializeAsync()
    {
        _adapter = await RunningAdapter.StartAsync(_pki, TestFleet.Create(), _time);
        _client = _adapter.CreateClient(_pki.ClientCertificate("jane", "sre"));
    }

    public async Task DisposeAsync()
    {
        _client.Dispose();
        await _adapter.DisposeAsync();
        _pki.Dispose();
    }

    [Theory]
    [InlineData("v1beta1-pods-selector", "/apis/custom.metrics.k8s.io/v1beta1/namespaces/llm/pods/%2A/vllm_queue_depth?labelSelector=app%3Dllama")]
    [InlineData("v1beta2-pods-selector", "/apis/custom.metrics.k8s.io/v1beta2/namespaces/llm/pods/%2A/vllm_queue_depth?labelSelector=app%3Dllama")]
    [InlineData("v1beta2-pods-raw-star-set-selector", "/apis/custom.metrics.k8s.io/v1beta2/namespaces/llm/pods/*/vllm_kv_cache_usage?labelSelector=app+in+(llama,qwen),tier")]
    [InlineData("v1beta1-pod-by-name", "/apis/custom.metrics.k8s.io/v1beta1/namespaces/llm/pods/llama-1/vllm_running_requests")]
    [InlineData("v1beta2-metric-label-selector", "/apis/custom.metrics.k8s.io/v1beta2/namespaces/llm/pods/*/vllm_queue_depth?metricLabelSelector=model_name%3DQwen_Qwen2.5-7B-Instruct")]
    [InlineData("v1beta1-metric-label-selector", "/apis/custom.metrics.k8s.io/v1beta1/namespaces/llm/pods/*/vllm_queue_depth?metricLabelSelector=model_name+notin+(x),model_name")]
    [InlineData("v1beta2-rate", "/apis/custom.metrics.k8s.io/v1beta2/namespaces/llm/pods/*/vllm_generation_tokens_per_second")]
    [InlineData("v1beta1-rate", "/apis/custom.metrics.k8s.io/v1beta1/namespaces/llm/pods/*/vllm_generation_tokens_per_second")]
    [InlineData("v1beta2-deployment", "/apis/custom.metrics.k8s.io/v1beta2/namespaces/llm/deployments.apps/llama/vllm_queue_depth")]
    [InlineData("v1beta1-deployments-wildcard", "/apis/custom.metrics.k8s.io/v1beta1/namespaces/llm/deployments.apps/*/vllm_kv_cache_usage")]
    [InlineData("v1beta2-service", "/apis/custom.metrics.k8s.io/v1beta2/namespaces/llm/services/llama/vllm_running_requests")]
    [InlineData("v1beta2-namespace-metric", "/apis/custom.metrics.k8s.io/v1beta2/namespaces/llm/metrics/vllm_queue_depth")]
    [InlineData("v1beta1-namespaces-wildcard", "/apis/custom.metrics.k8s.io/v1beta1/namespaces/*/metrics/vllm_running_requests")]
    [InlineData("v1beta2-namespace-root-scoped", "/apis/custom.metrics.k8s.io/v1beta2/namespaces/llm/vllm_running_requests")]
    public async Task Serves_upstream_shapes(string golden, string path)
    {
        var (code, body) = await Get(path);

        Assert.Equal(HttpStatusCode.OK, code);
        Golden.AssertJson(golden, body);
    }

    [Theory]
    [InlineData("/apis/custom.metrics.k8s.io/v1beta1/namespaces/llm/pods/*/no_such_metric", 404, "the server could not find the metric no_such_metric for pods")]
    [InlineData("/apis/custom.metrics.k8s.io/v1beta2/nodes/*/vllm_queue_depth", 404, "the server could not find the metric vllm_queue_depth for nodes")]
    [InlineData("/apis/custom.metrics.k8s.io/v1beta2/namespaces/llm/pods/nope/vllm_queue_depth", 404, "the server could not find the metric vllm_queue_depth for pods nope")]
    [InlineData("/apis/custom.metrics.k8s.io/v1beta2/namespaces/llm/pods/llama-2/vllm_queue_depth", 404, "the server could not find the metric vllm_queue_depth for pods llama-2")]
    [InlineData("/apis/custom.metrics.k8s.io/v1beta2/namespaces/llm/pods/*/vllm_queue_depth?labelSelector=app%3Dnone", 404, "the server could not find the metric vllm_queue_depth for pods * with selector app=none")]
    [InlineData("/apis/custom.metrics.k8s.io/v1beta2/namespaces/empty/pods/*/vllm_queue_depth", 404, "the server could not find the metric vllm_queue_depth for pods * with selector ")]
    [InlineData("/apis/custom.metrics.k8s.io/v1beta2/namespaces/llm/pods/*/vllm_queue_depth?labelSelector=app%3D%3D%3D", 400, "invalid labelSelector")]
    [InlineData("/apis/custom.metrics.k8s.io/v1beta2/namespaces/llm/pods/*/vllm_queue_depth?metricLabelSelector=a+in+b", 400, "invalid metricLabelSelector")]
    [InlineData("/apis/custom.metrics.k8s.io/v1beta2/namespaces/default/jobs.batch/", 400, "invalid request path")]
    [InlineData("/apis/custom.metrics.k8s.io/v1beta1/blah", 404, "the server could not find the requested resource")]
    [InlineData("/apis/custom.metrics.k8s.io/v1beta1/nodes/foo", 404, "the server could not find the requested resource")]
    [InlineData("/apis/custom.metrics.k8s.io/v1beta1/namespaces/ns/pods/bar", 404, "the server could not find the requested resource")]
    [InlineData("/apis/custom.metrics.k8s.io/v2/namespaces/llm/pods/*/m", 404, "the server could not find the requested resource")]
    [InlineData("/apis/external.metrics.k8s.io/v1beta1/namespaces/llm/vllm_queue_depth", 404, "the server could not find the requested resource")]
    [InlineData("//apis/", 404, "the server could not find the requested resource")]
    public async Task Errors_are_Status_objects_with_upstream_wording(string path, int code, string messageStart)
    {
        var (status, body) = await Get(path);

        Assert.Equal(code, (int)status);
        var json = JsonNode.Parse(body)!;
        Assert.Equal("Status", (string?)json["kind"]);
        Assert.Equal("v1", (string?)json["apiVersion"]);
        Assert.Equal("Failure", (string?)json["status"]);
        Assert.Equal(code, (int?)json["code"]);
        Assert.StartsWith(messageStart, (string?)json["message"], StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("POST")]
    [InlineData("PUT")]
    [InlineData("DELETE")]
    [InlineData("PATCH")]
    public async Task Non_GET_is_405(string method)
    {
        using var request = new HttpRequestMessage(new HttpMethod(method), "/apis/custom.metrics.k8s.io/v1beta1/namespaces/llm/pods/*/vllm_queue_depth")
        {
            Content = new StringContent("{}"),
        };
        using var response = await _client.SendAsync(request);

        Assert.Equal(HttpStatusCode.MethodNotAllowed, response.StatusCode);
        Assert.Equal("MethodNotAllowed", (string?)JsonNode.Parse(await response.Content.ReadAsStringAsync())!["reason"]);
    }

    [Fact]
    public async Task Oversized_selector_is_400_not_a_crash()
    {
        var huge = "app%3D" + new string('a', 20_000);
        var (status, body) = await Get($"/apis/custom.metrics.k8s.io/v1beta2/namespaces/llm/pods/*/vllm_queue_depth?labelSelector={huge}");

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Contains("longer than", body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Stale_samples_are_omitted_never_zeroed()
    {
        _time.Advance(TimeSpan.FromMinutes(5));

        var (status, body) = await Get("/apis/custom.metrics.k8s.io/v1beta2/namespaces/llm/pods/*/vllm_queue_depth");

        Assert.Equal(HttpStatusCode.NotFound, status);
        Assert.DoesNotContain("\"value\"", body, StringComparison.Ordinal);
    }

    private async Task<(HttpStatusCode, string)> Get(string path)
    {
        // Absolute, so a path like "//apis/" stays a path on this server (never a network-path reference).
        using var response = await _client.GetAsync(new Uri(_adapter.SecureUri.GetLeftPart(UriPartial.Authority) + path));
        return (response.StatusCode, await response.Content.ReadAsStringAsync());
    }
}
