using System.Net;
using k8s;
using k8s.Autorest;
using k8s.Models;

namespace Autoscale.Testing.KubeApi.Tests;

public sealed class FaultTests
{
    [Fact]
    public async Task FailNext_answers_429_with_Retry_After_then_recovers()
    {
        await using var server = await KubeApiTestServer.StartAsync();
        server.FailNext(1, InjectedFault.TooManyRequests(retryAfterSeconds: 3), r => r.Verb == "list");
        using var client = server.CreateClient();

        var error = await Assert.ThrowsAsync<HttpOperationException>(() => client.CoreV1.ListNamespacedPodAsync("llm"));
        var recovered = await client.CoreV1.ListNamespacedPodAsync("llm");

        Assert.Equal(HttpStatusCode.TooManyRequests, error.Response.StatusCode);
        Assert.Equal("3", Assert.Single(error.Response.Headers["Retry-After"]));
        var status = KubernetesJson.Deserialize<V1Status>(error.Response.Content);
        Assert.Equal(("TooManyRequests", 3), (status.Reason, status.Details.RetryAfterSeconds!.Value));
        Assert.Empty(recovered.Items);
        Assert.Equal([429, 200], server.Requests.Select(r => r.StatusCode));
    }

    [Fact]
    public async Task Fault_rule_answers_500_for_matching_requests_only()
    {
        await using var server = await KubeApiTestServer.StartAsync();
        server.Upsert(Objects.Pod("llm", "a"));
        server.InjectFaults(r => r.Resource == "leases" ? InjectedFault.InternalError : null);
        using var client = server.CreateClient();

        var error = await Assert.ThrowsAsync<HttpOperationException>(() => client.CoordinationV1.ReadNamespacedLeaseAsync("x", "llm"));
        var pod = await client.CoreV1.ReadNamespacedPodAsync("a", "llm");

        Assert.Equal(HttpStatusCode.InternalServerError, error.Response.StatusCode);
        Assert.Equal("InternalError", KubernetesJson.Deserialize<V1Status>(error.Response.Content).Reason);
        Assert.Equal("a", pod.Metadata.Name);
    }
}
