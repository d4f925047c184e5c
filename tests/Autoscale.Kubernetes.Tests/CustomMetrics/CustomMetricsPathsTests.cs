using System.Text;
using Autoscale.Kubernetes.CustomMetrics;

namespace Autoscale.Kubernetes.Tests.CustomMetrics;

/// <summary>The one custom.metrics.k8s.io path builder and MetricValueList reader (controller, demo HPA, kubectl plugin).</summary>
public sealed class CustomMetricsPathsTests
{
    [Theory]
    [InlineData("Deployment", "apps/v1", "deployments.apps")]
    [InlineData("StatefulSet", "apps/v1", "statefulsets.apps")]
    [InlineData("LeaderWorkerSet", "leaderworkerset.x-k8s.io/v1", "leaderworkersets.leaderworkerset.x-k8s.io")]
    [InlineData("Service", "v1", "services")]
    [InlineData("Ingress", "networking.k8s.io/v1", "ingresses.networking.k8s.io")]
    [InlineData("NetworkPolicy", "networking.k8s.io/v1", "networkpolicies.networking.k8s.io")]
    public void A_kind_is_named_as_the_metrics_api_names_its_resource(string kind, string apiVersion, string resource)
    {
        Assert.Equal(resource, CustomMetricsPaths.Resource(kind, apiVersion));
    }

    [Fact]
    public void Paths_escape_their_parts_and_carry_the_metric_selector()
    {
        Assert.Equal(
            "apis/custom.metrics.k8s.io/v1beta2/namespaces/llm/pods/*/vllm_queue_depth?labelSelector=app%3Dvllm&metricLabelSelector=model%3Dx",
            CustomMetricsPaths.Pods("llm", "vllm_queue_depth", "app=vllm", "model=x"));
        Assert.Equal(
            "apis/custom.metrics.k8s.io/v1beta2/namespaces/llm/deployments.apps/vllm/autoscale_desired_replicas",
            CustomMetricsPaths.Object("llm", "deployments.apps", "vllm", "autoscale_desired_replicas"));
        Assert.EndsWith("/vllm/m?metricLabelSelector=a%3Db", CustomMetricsPaths.Object("llm", "deployments.apps", "vllm", "m", "a=b"), StringComparison.Ordinal);
    }

    [Fact]
    public void A_metric_value_list_is_read_item_by_item_and_refused_whole_when_an_item_is_not_readable()
    {
        const string List = """
            {"kind":"MetricValueList","apiVersion":"custom.metrics.k8s.io/v1beta2","metadata":{},"items":[
              {"describedObject":{"kind":"Pod","namespace":"llm","name":"a"},"metric":{"name":"m"},"timestamp":"2026-12-07T10:00:00Z","windowSeconds":60,"value":"1500m"},
              {"describedObject":{"kind":"Pod","namespace":"llm","name":"b"},"metric":{"name":"m"},"timestamp":"2026-12-07T10:00:02Z","value":"2"}]}
            """;

        var items = MetricValueList.Parse(Encoding.UTF8.GetBytes(List));

        Assert.Equal(
            [new MetricValue("a", new DateTimeOffset(2026, 12, 7, 10, 0, 0, TimeSpan.Zero), "1500m", 1500, 60), new MetricValue("b", new DateTimeOffset(2026, 12, 7, 10, 0, 2, TimeSpan.Zero), "2", 2000)],
            items);
        Assert.Equal(1.5, items![0].Value);
        Assert.Null(MetricValueList.Parse(Encoding.UTF8.GetBytes(List.Replace("\"2\"", "\"two\"", StringComparison.Ordinal))));
        Assert.Null(MetricValueList.Parse(Encoding.UTF8.GetBytes("""{"kind":"Status","message":"not found"}""")));
        Assert.Null(MetricValueList.Parse("not json"u8));
    }
}
