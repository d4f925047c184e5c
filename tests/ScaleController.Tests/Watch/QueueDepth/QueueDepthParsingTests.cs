using System.Text;
using Autoscale.Kubernetes.CustomMetrics;
using Autoscale.ScaleController.Config;
using Autoscale.ScaleController.Decide.Observed;
using Autoscale.ScaleController.Watch.CustomMetrics;
using Autoscale.ScaleController.Watch.QueueDepth;

namespace Autoscale.ScaleController.Tests.Watch.QueueDepth;

public sealed class QueueDepthParsingTests
{
    private static readonly DateTimeOffset T0 = new(2025, 6, 1, 12, 0, 0, TimeSpan.Zero);

    [Theory]
    [InlineData("Deployment", null, "apis/custom.metrics.k8s.io/v1beta2/namespaces/llm/deployments.apps/qwen/vllm_queue_depth")]
    [InlineData("StatefulSet", "app=other", "apis/custom.metrics.k8s.io/v1beta2/namespaces/llm/statefulsets.apps/qwen/vllm_queue_depth")]
    [InlineData("LeaderWorkerSet", null, null)]
    [InlineData("LeaderWorkerSet", "leaderworkerset.sigs.k8s.io/name=qwen,role in (leader)",
        "apis/custom.metrics.k8s.io/v1beta2/namespaces/llm/pods/*/vllm_queue_depth?labelSelector=leaderworkerset.sigs.k8s.io%2Fname%3Dqwen%2Crole%20in%20%28leader%29")]
    public void Path_names_the_workload_as_the_adapter_serves_it(string kind, string? selector, string? expected) =>
        Assert.Equal(expected, CustomMetricsPath.For(new WorkloadRef("llm", "qwen", WorkloadKind.Default(kind)!), CustomMetricsPath.QueueDepthMetric, selector));

    [Fact]
    public void Pod_metrics_of_every_selected_pod_are_summed_at_the_newest_timestamp()
    {
        var body = $$"""
            {"kind":"MetricValueList","apiVersion":"custom.metrics.k8s.io/v1beta2","metadata":{},"items":[
              {"describedObject":{"kind":"Pod","namespace":"llm","name":"qwen-0","apiVersion":"v1"},"metric":{"name":"vllm_queue_depth"},"timestamp":"2025-06-01T12:00:00Z","windowSeconds":0,"value":"3"},
              {"describedObject":{"kind":"Pod","namespace":"llm","name":"qwen-1","apiVersion":"v1"},"metric":{"name":"vllm_queue_depth"},"timestamp":"2025-06-01T12:00:05Z","windowSeconds":0,"value":"4500m"}]}
            """;

        Assert.Equal(new MetricSample(T0.AddSeconds(5), 7.5), Parse(body));
    }

    [Theory]
    [InlineData("12", 12.0)]
    [InlineData("1500m", 1.5)]
    [InlineData("2k", 2000.0)]
    public void Reads_the_quantity_and_the_sample_timestamp(string quantity, double expected)
    {
        var sample = Parse(CustomMetricsFake.List("Deployment", "qwen", quantity, T0));

        Assert.Equal(new MetricSample(T0, expected), sample);
    }

    [Theory]
    [InlineData("""{"kind":"Status","apiVersion":"v1","code":404}""")]
    [InlineData("""{"kind":"MetricValueList","items":[]}""")]
    [InlineData("""{"kind":"MetricValueList","items":[{"timestamp":"2025-06-01T12:00:00Z","value":"lots"}]}""")]
    [InlineData("""{"kind":"MetricValueList","items":[{"value":"3"}]}""")]
    [InlineData("not json")]
    public void Anything_else_is_no_sample(string json) => Assert.Null(Parse(json));

    [Fact]
    public void History_keeps_one_sample_per_timestamp_in_order_and_trims_to_the_retention()
    {
        var history = new QueueDepthHistory();
        var qwen = new WorkloadRef("llm", "qwen");
        var gone = new WorkloadRef("llm", "gone");
        history.Add(qwen, new MetricSample(T0, 1));
        history.Add(qwen, new MetricSample(T0, 1));
        history.Add(qwen, new MetricSample(T0.AddSeconds(-5), 9));
        history.Add(qwen, new MetricSample(T0.AddMinutes(5), 2));
        history.Add(qwen, new MetricSample(T0.AddMinutes(11), 3));
        history.Add(gone, new MetricSample(T0, 1));

        history.Trim(new Dictionary<WorkloadRef, TimeSpan> { [qwen] = TimeSpan.FromMinutes(10) }, T0.AddMinutes(12));

        Assert.Equal([new MetricSample(T0.AddMinutes(5), 2), new MetricSample(T0.AddMinutes(11), 3)], history.Series(qwen));
        Assert.Empty(history.Series(gone));
    }

    [Fact]
    public void History_is_bounded_in_count()
    {
        var history = new QueueDepthHistory();
        var qwen = new WorkloadRef("llm", "qwen");
        for (var i = 0; i < QueueDepthHistory.MaxSamples + 50; i++)
        {
            history.Add(qwen, new MetricSample(T0.AddSeconds(i), i));
        }

        var series = history.Series(qwen);
        Assert.Equal(QueueDepthHistory.MaxSamples, series.Count);
        Assert.Equal(50, series[0].Value);
    }

    private static MetricSample? Parse(string json) => MetricValueList.Parse(Encoding.UTF8.GetBytes(json)) is { } items ? QueueDepthReader.Sum(items) : null;
}
