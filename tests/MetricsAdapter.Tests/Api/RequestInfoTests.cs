using Autoscale.MetricsAdapter.Api;

namespace Autoscale.MetricsAdapter.Tests.Api;

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
}
