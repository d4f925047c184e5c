using Autoscale.Kubernetes;
using k8s;
using k8s.Models;

namespace Autoscale.Testing.KubeApi.Tests;

public sealed class AuditTests
{
    [Fact]
    public async Task Audit_records_RBAC_verbs_and_attributes_for_what_the_client_did()
    {
        await using var server = await KubeApiTestServer.StartAsync();
        server.AddToken("ctl", "system:serviceaccount:autoscale:scale-controller");
        server.Upsert(Objects.Deployment("llm", "vllm", 1));

        // KubernetesClient fails a watch that ends before its first line, so give it one event.
        server.Upsert(Objects.Pod("llm", "vllm-0"));
        using var client = server.CreateClient("ctl");
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(10));

        await client.AppsV1.ListNamespacedDeploymentAsync("llm");
        await client.AppsV1.ReadNamespacedDeploymentScaleAsync("vllm", "llm");
        await client.AppsV1.PatchNamespacedDeploymentScaleAsync(new V1Patch("""{"spec":{"replicas":2}}""", V1Patch.PatchType.MergePatch), "vllm", "llm");
        await client.CoordinationV1.CreateNamespacedLeaseAsync(new V1Lease { Metadata = new V1ObjectMeta { Name = "l" } }, "autoscale");
        var lease = await client.CoordinationV1.ReadNamespacedLeaseAsync("l", "autoscale");
        await client.CoordinationV1.ReplaceNamespacedLeaseAsync(lease, "l", "autoscale");
        await client.CoreV1.DeleteNamespacedPodAsync("missing", "llm").ContinueWith(_ => { }, TaskScheduler.Default);
        await client.CoreV1.DeleteCollectionNamespacedConfigMapAsync("llm");
        await foreach (var _ in client.CoreV1.WatchListPodForAllNamespacesAsync(timeoutSeconds: 1, cancellationToken: cts.Token))
        {
        }

        Assert.Equal(
            [
                ("list", "apps", "deployments", "", "llm", ""),
                ("get", "apps", "deployments", "scale", "llm", "vllm"),
                ("patch", "apps", "deployments", "scale", "llm", "vllm"),
                ("create", "coordination.k8s.io", "leases", "", "autoscale", ""),
                ("get", "coordination.k8s.io", "leases", "", "autoscale", "l"),
                ("update", "coordination.k8s.io", "leases", "", "autoscale", "l"),
                ("delete", "", "pods", "", "llm", "missing"),
                ("deletecollection", "", "configmaps", "", "llm", ""),
                ("watch", "", "pods", "", "", ""),
            ],
            server.Requests.Select(r => (r.Verb, r.ApiGroup, r.Resource, r.Subresource, r.Namespace, r.Name)));
        Assert.All(server.Requests, r => Assert.Equal("system:serviceaccount:autoscale:scale-controller", r.User));
        Assert.Equal(404, server.Requests[6].StatusCode);
    }

    [Theory]
    [InlineData("GET", "/api/v1/namespaces/llm/pods", "", "list", "pods", "", "llm", "")]
    [InlineData("GET", "/api/v1/namespaces/llm/pods", "watch=1", "watch", "pods", "", "llm", "")]
    [InlineData("GET", "/api/v1/namespaces/llm/pods", "fieldSelector=metadata.name%3Da", "list", "pods", "", "llm", "a")]
    [InlineData("GET", "/api/v1/watch/namespaces/llm/pods/a", "", "watch", "pods", "", "llm", "a")]
    [InlineData("GET", "/api/v1/namespaces/llm", "", "get", "namespaces", "", "llm", "llm")]
    [InlineData("PUT", "/api/v1/namespaces/llm/finalize", "", "update", "namespaces", "finalize", "llm", "llm")]
    [InlineData("GET", "/api/v1/nodes/gpu-1", "", "get", "nodes", "", "", "gpu-1")]
    [InlineData("PATCH", "/apis/apps/v1/namespaces/llm/deployments/vllm/status", "", "patch", "deployments", "status", "llm", "vllm")]
    [InlineData("DELETE", "/apis/apps/v1/namespaces/llm/deployments", "", "deletecollection", "deployments", "", "llm", "")]
    public void RequestInfo_matches_the_apiserver_parser(string method, string path, string query, string verb, string resource, string subresource, string ns, string name)
    {
        var parsed = Microsoft.AspNetCore.WebUtilities.QueryHelpers.ParseQuery(query);
        var info = RequestInfo.From(method, path, key => parsed.TryGetValue(key, out var v) ? v.ToString() : null)!;

        Assert.True(info.IsResourceRequest);
        Assert.Equal((verb, resource, subresource, ns, name), (info.Verb, info.Resource, info.Subresource, info.Namespace, info.Name));
    }

    [Theory]
    [InlineData("/api")]
    [InlineData("/api/v1")]
    [InlineData("/apis/apps/v1")]
    [InlineData("/version")]
    public void Discovery_paths_are_non_resource_requests(string path)
    {
        var info = RequestInfo.From("GET", path)!;

        Assert.Equal((false, "get"), (info.IsResourceRequest, info.Verb));
    }
}
