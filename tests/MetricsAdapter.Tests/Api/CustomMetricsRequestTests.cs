using Autoscale.Kubernetes;
using Autoscale.MetricsAdapter.Api;

namespace Autoscale.MetricsAdapter.Tests.Api;

public sealed class CustomMetricsRequestTests
{
    [Theory]
    [InlineData("namespaces/ns/pods/*/some-metric", "pods", true, "ns", "*", "some-metric")]
    [InlineData("namespaces/ns/pods/foo/some-metric", "pods", true, "ns", "foo", "some-metric")]
    [InlineData("nodes/*/some-metric", "nodes", false, "", "*", "some-metric")]
    [InlineData("nodes/foo/some-metric", "nodes", false, "", "foo", "some-metric")]
    [InlineData("namespaces/ns/metrics/some-metric", "namespaces", false, "", "ns", "some-metric")]
    [InlineData("namespaces/*/metrics/some-metric", "namespaces", false, "", "*", "some-metric")]
    [InlineData("namespaces/ns/some-metric", "namespaces", false, "", "ns", "some-metric")]
    [InlineData("namespaces/llm/deployments.apps/llama/vllm_queue_depth", "deployments.apps", true, "llm", "llama", "vllm_queue_depth")]
    [InlineData("namespaces/llm/deployment.apps/llama/vllm_queue_depth", "deployments.apps", true, "llm", "llama", "vllm_queue_depth")]
    [InlineData("namespaces/llm/pod/*/m", "pods", true, "llm", "*", "m")]
    [InlineData("namespaces/llm/keptnmetrics.metrics.sh/x/x", "keptnmetrics.metrics.sh", true, "llm", "x", "x")]
    public void Parses_upstream_routes(string path, string resource, bool namespaced, string ns, string name, string metric)
    {
        var request = CustomMetricsRequest.Parse(path.Split('/'));

        Assert.Equal(resource, request.Info.Resource.ToString());
        Assert.Equal(namespaced, request.Info.Namespaced);
        Assert.Equal(ns, request.Namespace);
        Assert.Equal(name, request.Name);
        Assert.Equal(metric, request.Info.Metric);
    }

    [Theory]
    [InlineData("blah", 404)]
    [InlineData("nodes/foo", 404)]
    [InlineData("namespaces/ns/pods/bar", 404)]
    [InlineData("a/b/c/d/e/f", 404)]
    [InlineData("namespaces/ns/notmetrics/m", 404)]
    [InlineData("namespaces/default/jobs.batch/", 400)]
    [InlineData("namespaces//pods/*/m", 400)]
    [InlineData("pods//m", 400)]
    public void Rejects_other_shapes_with_upstream_codes(string path, int code)
    {
        var ex = Assert.Throws<ApiStatusException>(() => CustomMetricsRequest.Parse(path.Split('/')));

        Assert.Equal(code, ex.Status.Code);
    }

    [Fact]
    public void Group_resource_prints_like_schema_GroupResource()
    {
        Assert.Equal("deployments.apps", GroupResource.Parse("deployments.apps").ToString());
        Assert.Equal(new GroupResource("metrics.sh", "keptnmetrics"), GroupResource.Parse("keptnmetrics.metrics.sh"));
        Assert.Equal("pods", GroupResource.Pods.ToString());
    }
}
