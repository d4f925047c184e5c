namespace Autoscale.Kubernetes.Tests;

/// <summary>The authorizer's attributes, as k8s.io/apiserver's RequestInfoFactory derives them.</summary>
public sealed class RequestInfoTests
{
    [Theory]
    [InlineData("GET", "/apis/custom.metrics.k8s.io/v1beta1/namespaces/llm/pods/*/vllm_num_requests_waiting", "get", "custom.metrics.k8s.io", "v1beta1", "llm", "pods", "vllm_num_requests_waiting", "*")]
    [InlineData("GET", "/apis/custom.metrics.k8s.io/v1beta2/nodes/gpu-1/DCGM_FI_DEV_GPU_UTIL", "get", "custom.metrics.k8s.io", "v1beta2", "", "nodes", "DCGM_FI_DEV_GPU_UTIL", "gpu-1")]
    [InlineData("GET", "/apis/custom.metrics.k8s.io/v1beta1/namespaces/llm/metrics/m", "get", "custom.metrics.k8s.io", "v1beta1", "llm", "metrics", "", "m")]
    [InlineData("GET", "/apis/external.metrics.k8s.io/v1beta1/namespaces/llm/queue_depth", "list", "external.metrics.k8s.io", "v1beta1", "llm", "queue_depth", "", "")]
    [InlineData("GET", "/apis/custom.metrics.k8s.io/v1beta1/namespaces/llm", "get", "custom.metrics.k8s.io", "v1beta1", "llm", "namespaces", "", "llm")]
    [InlineData("POST", "/apis/custom.metrics.k8s.io/v1beta1/namespaces/llm/pods/*/m", "create", "custom.metrics.k8s.io", "v1beta1", "llm", "pods", "m", "*")]
    // requestinfo.go: a delete with no name is a deletecollection; a get with no name a list (or a watch when ?watch).
    [InlineData("DELETE", "/apis/custom.metrics.k8s.io/v1beta1/pods", "deletecollection", "custom.metrics.k8s.io", "v1beta1", "", "pods", "", "")]
    public void Resource_requests(string method, string path, string verb, string group, string version, string ns, string resource, string subresource, string name)
    {
        var info = RequestInfo.From(method, path)!;

        Assert.True(info.IsResourceRequest);
        Assert.Equal((verb, group, version, ns, resource, subresource, name),
            (info.Verb, info.ApiGroup, info.ApiVersion, info.Namespace, info.Resource, info.Subresource, info.Name));
    }

    [Theory]
    [InlineData("/apis")]
    [InlineData("/apis/custom.metrics.k8s.io")]
    [InlineData("/apis/custom.metrics.k8s.io/v1beta1")]
    [InlineData("/openapi/v2")]
    [InlineData("/healthz")]
    public void Non_resource_requests(string path)
    {
        var info = RequestInfo.From("GET", path)!;

        Assert.False(info.IsResourceRequest);
        Assert.Equal("get", info.Verb);
        Assert.Equal(path, info.Path);
    }

    [Theory]
    [InlineData("/apis/g.io/v1/watch/namespaces/ns/pods/p", "", "watch", "ns", "pods", "", "p")]
    [InlineData("/apis/g.io/v1/proxy/namespaces/ns/pods/p/metrics", "", "proxy", "ns", "pods", "", "p")]
    [InlineData("/apis/g.io/v1/namespaces/ns/pods", "watch=1", "watch", "ns", "pods", "", "")]
    [InlineData("/apis/g.io/v1/namespaces/ns/pods", "watch=false", "list", "ns", "pods", "", "")]
    [InlineData("/apis/g.io/v1/namespaces/ns/status", "", "get", "ns", "namespaces", "status", "ns")]
    [InlineData("/api/v1/namespaces/ns/pods/p/log", "", "get", "ns", "pods", "log", "p")]
    [InlineData("/api/v1/namespaces/ns/pods", "fieldSelector=metadata.name==p", "list", "ns", "pods", "", "p")]
    [InlineData("/api/v1/namespaces/ns/pods", "watch=true&fieldSelector=metadata.name=p", "watch", "ns", "pods", "", "p")]
    [InlineData("/api/v1/namespaces/ns/pods", "fieldSelector=metadata.name!=p", "list", "ns", "pods", "", "")]
    public void Special_verbs_watch_parameter_and_namespace_subresources_as_upstream(string path, string query, string verb, string ns, string resource, string subresource, string name)
    {
        var parameters = query.Length == 0 ? [] : query.Split('&').Select(p => p.Split('=', 2)).ToDictionary(p => p[0], p => p[1]);

        var info = RequestInfo.From("GET", path, key => parameters.GetValueOrDefault(key))!;

        Assert.True(info.IsResourceRequest);
        Assert.Equal((verb, ns, resource, subresource, name), (info.Verb, info.Namespace, info.Resource, info.Subresource, info.Name));
    }

    [Fact]
    public void A_special_verb_with_nothing_after_it_cannot_be_read()
    {
        // requestinfo.go returns an error here ("unable to determine kind and namespace from url"): a 500 upstream.
        Assert.Null(RequestInfo.From("GET", "/apis/g.io/v1/watch"));
    }
}
