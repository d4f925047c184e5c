using System.Net;
using System.Text.Json.Nodes;
using Autoscale.MetricsAdapter.Api;
using Autoscale.MetricsAdapter.Tests.Support;
using Microsoft.Extensions.Time.Testing;

namespace Autoscale.MetricsAdapter.Tests.Api;

/// <summary>
/// Issue #12 finding 1: routing matched case-insensitively while authorization read only lower-case <c>apis</c>, so a
/// case-folded path was authorized as a plain non-resource path and then served. Now one reading of the path
/// (<see cref="ApiPath"/>) feeds both, and only exact paths reach a handler.
/// </summary>
public sealed class PathMatchingTests : IAsyncLifetime
{
    private const string Pods = "/apis/custom.metrics.k8s.io/v1beta2/namespaces/llm/pods/*/vllm_queue_depth?labelSelector=app%3Dllama";
    private readonly TestPki _pki = new();
    private RunningAdapter _adapter = null!;

    public async Task InitializeAsync() =>
        _adapter = await RunningAdapter.StartAsync(_pki, TestFleet.Create(), new FakeTimeProvider(TestFleet.Now));

    public async Task DisposeAsync()
    {
        await _adapter.DisposeAsync();
        _pki.Dispose();
    }

    [Theory]
    [InlineData(Pods)]
    [InlineData("/apis/custom.metrics.k8s.io/v1beta2/namespaces/llm/pods/%2A/vllm_queue_depth?labelSelector=app%3Dllama")]
    [InlineData("/apis/custom.metrics.k8s.io/v1beta2/namespaces/llm/pods%2F*%2Fvllm_queue_depth?labelSelector=app%3Dllama")]
    public async Task Exact_paths_and_their_escaped_spellings_are_served(string path)
    {
        using var client = _adapter.CreateClient(_pki.ClientCertificate("jane"));
        using var response = await client.SendAsync(RawRequest.Get(_adapter.SecureUri, path));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(2, JsonNode.Parse(await response.Content.ReadAsStringAsync())!["items"]!.AsArray().Count);
    }

    [Theory]
    [InlineData("/APIS/CUSTOM.METRICS.K8S.IO/v1beta2/namespaces/llm/pods/*/vllm_queue_depth?labelSelector=app%3Dllama")]
    [InlineData("/Apis/custom.metrics.k8s.io/v1beta2/namespaces/llm/pods/*/vllm_queue_depth")]
    [InlineData("/apis/CUSTOM.metrics.k8s.io/v1beta2/namespaces/llm/pods/*/vllm_queue_depth")]
    [InlineData("/apis/custom.metrics.k8s.io/V1BETA2/namespaces/llm/pods/*/vllm_queue_depth")]
    [InlineData("/apis/custom.metrics.k8s.io/v1beta2/NAMESPACES/llm/pods/*/vllm_queue_depth")]
    [InlineData("/apis/custom.metrics.k8s.io/v1beta2/namespaces//llm/pods/*/vllm_queue_depth")]
    [InlineData("/apis/custom.metrics.k8s.io/v1beta2/namespaces/llm/pods/../pods/*/vllm_queue_depth")]
    [InlineData("/apis/custom.metrics.k8s.io/v1beta2/./namespaces/llm/pods/*/vllm_queue_depth")]
    [InlineData("/APIS")]
    [InlineData("/apis/Custom.Metrics.K8s.Io/v1beta2")]
    [InlineData("/OpenAPI/v2")]
    [InlineData("/apis/external.metrics.k8s.io/v1beta1/namespaces/llm/vllm_queue_depth")]
    public async Task Any_other_spelling_is_a_404_Status_and_never_reaches_a_handler(string path)
    {
        using var client = _adapter.CreateClient(_pki.ClientCertificate("jane"));
        using var response = await client.SendAsync(RawRequest.Get(_adapter.SecureUri, path));

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        var status = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        Assert.Equal("the server could not find the requested resource", (string?)status["message"]);
    }

    [Theory]
    [InlineData("/apis/custom.metrics.k8s.io/v1beta2/namespaces/llm/pods/*/m%zz")]
    [InlineData("/apis/custom.metrics.k8s.io/v1beta2/namespaces/llm/pods/*/m%0a")]
    public async Task Malformed_escapes_and_control_characters_are_a_400_Status(string path)
    {
        using var client = _adapter.CreateClient(_pki.ClientCertificate("jane"));
        using var response = await client.SendAsync(RawRequest.Get(_adapter.SecureUri, path));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("BadRequest", (string?)JsonNode.Parse(await response.Content.ReadAsStringAsync())!["reason"]);
    }

    [Theory]
    [InlineData("/apis/custom.metrics.k8s.io/v1beta2/namespaces/llm/pods/*/m", new[] { "apis", "custom.metrics.k8s.io", "v1beta2", "namespaces", "llm", "pods", "*", "m" }, "/apis/custom.metrics.k8s.io/v1beta2/namespaces/llm/pods/*/m")]
    [InlineData("/apis/x/v1/namespaces/a%2Fb/pods%2A", new[] { "apis", "x", "v1", "namespaces", "a", "b", "pods*" }, "/apis/x/v1/namespaces/a/b/pods*")]
    [InlineData("/apis/x/", new[] { "apis", "x" }, "/apis/x/")]
    [InlineData("//apis/x//y/", new[] { "apis", "x", "", "y" }, null)]
    [InlineData("/", new string[0], "/")]
    public void The_path_is_read_as_upstreams_URL_Path_and_splitPath(string raw, string[] parts, string? routable)
    {
        var path = ApiPath.FromRawTarget(raw + "?q=%2F")!;

        Assert.Equal(parts, path.Parts);
        Assert.Equal(routable, path.Routable);
    }
}
