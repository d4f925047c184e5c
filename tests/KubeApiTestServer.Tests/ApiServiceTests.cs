using System.Net;
using System.Text.Json.Nodes;

namespace Autoscale.Testing.KubeApi.Tests;

/// <summary>An aggregated API (APIService) registered on the server: discovered, authorized and audited like any other.</summary>
public sealed class ApiServiceTests
{
    private const string QueueDepthPath = "/apis/custom.metrics.k8s.io/v1beta2/namespaces/llm/pods/*/vllm_queue_depth?labelSelector=app%3Dvllm";

    [Fact]
    public async Task Requests_under_the_group_version_reach_the_backend_with_what_rbac_saw()
    {
        await using var server = await KubeApiTestServer.StartAsync();
        server.AddToken("ctl", "system:serviceaccount:autoscale:scale-controller");
        ApiServiceRequest? seen = null;
        server.AddApiService("custom.metrics.k8s.io", "v1beta2", request =>
        {
            seen = request;
            return new ApiServiceResponse(200, """{"kind":"MetricValueList","apiVersion":"custom.metrics.k8s.io/v1beta2","metadata":{},"items":[]}""");
        });
        using var client = server.CreateClient("ctl");

        var (status, body) = await GetAsync(client, QueueDepthPath);
        var (groupsStatus, groups) = await GetAsync(client, "/apis");

        Assert.Equal((HttpStatusCode.OK, "MetricValueList"), (status, (string?)body["kind"]));
        Assert.NotNull(seen);
        Assert.Equal(("/namespaces/llm/pods/*/vllm_queue_depth", "app=vllm", "system:serviceaccount:autoscale:scale-controller"), (seen.Path, seen.LabelSelector, seen.User));
        Assert.Equal(("llm", "pods", "*", "vllm_queue_depth"), (seen.Namespace, seen.Resource, seen.Name, seen.Subresource));
        var audit = server.Requests[0];
        Assert.Equal(("get", "custom.metrics.k8s.io", "v1beta2", "pods", "vllm_queue_depth", "*", 200),
            (audit.Verb, audit.ApiGroup, audit.ApiVersion, audit.Resource, audit.Subresource, audit.Name, audit.StatusCode));
        Assert.Equal(HttpStatusCode.OK, groupsStatus);
        Assert.Contains(groups["groups"]!.AsArray(), g => (string?)g!["name"] == "custom.metrics.k8s.io");
    }

    [Fact]
    public async Task Authorization_applies_a_failing_backend_is_503_and_an_unregistered_one_404()
    {
        await using var server = await KubeApiTestServer.StartAsync(new KubeApiTestServerOptions
        {
            EnforceAuthorization = true,
            AuthorizationPolicy = spec => spec.ResourceAttributes?.Subresource == "vllm_queue_depth",
        });
        server.AddToken("ctl", "system:serviceaccount:autoscale:scale-controller");
        server.AddApiService("custom.metrics.k8s.io", "v1beta2", _ => throw new HttpRequestException("connection refused"));
        using var client = server.CreateClient("ctl");

        var denied = await GetAsync(client, QueueDepthPath.Replace("vllm_queue_depth", "vllm_kv_cache_usage", StringComparison.Ordinal));
        var failing = await GetAsync(client, QueueDepthPath);
        server.RemoveApiService("custom.metrics.k8s.io", "v1beta2");
        var gone = await GetAsync(client, QueueDepthPath);

        Assert.Equal((HttpStatusCode.Forbidden, "Forbidden"), (denied.Status, (string?)denied.Body["reason"]));
        Assert.Equal((HttpStatusCode.ServiceUnavailable, "ServiceUnavailable"), (failing.Status, (string?)failing.Body["reason"]));
        Assert.Equal(HttpStatusCode.NotFound, gone.Status);
    }

    private static async Task<(HttpStatusCode Status, JsonNode Body)> GetAsync(k8s.Kubernetes client, string path)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(client.BaseUri, path));
        await client.Credentials!.ProcessHttpRequestAsync(request, CancellationToken.None);
        using var response = await client.HttpClient.SendAsync(request);
        return (response.StatusCode, JsonNode.Parse(await response.Content.ReadAsStringAsync())!);
    }
}
