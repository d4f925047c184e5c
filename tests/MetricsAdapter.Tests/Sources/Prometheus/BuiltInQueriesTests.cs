using Autoscale.MetricsAdapter.Sources.Prometheus;
using Autoscale.MetricsAdapter.Sources.Definitions;

namespace Autoscale.MetricsAdapter.Tests.Sources.Prometheus;

public sealed class BuiltInQueriesTests
{
    private static string Query(string metric)
    {
        Assert.True(MetricCatalog.BuiltIn.TryGet(metric, out var definition));
        return BuiltInQueries.For(definition, "namespace", "pod").QueryFor("llm").Value!;
    }

    [Fact]
    public void Gauges_aggregate_the_raw_series_by_pod_and_model()
    {
        var query = Query("vllm_queue_depth");

        Assert.StartsWith("label_replace(sum by (namespace, pod, model_name) ({__name__=~\"vllm:num_requests_waiting|", query, StringComparison.Ordinal);
        Assert.Contains("namespace=\"llm\",pod!=\"\"", query, StringComparison.Ordinal);
    }

    [Fact]
    public void Time_to_first_token_p95_is_a_histogram_quantile_over_bucket_rates()
    {
        var query = Query("vllm_time_to_first_token_p95_seconds");

        Assert.StartsWith(
            "label_replace(histogram_quantile(0.95, sum by (namespace, pod, model_name, le) (rate({__name__=~\"vllm:time_to_first_token_seconds_bucket\",namespace=\"llm\",pod!=\"\"}[60s])))",
            query, StringComparison.Ordinal);
    }

    [Fact]
    public void Sleep_state_counts_every_state_but_awake()
    {
        Assert.Contains("sleep_state!=\"awake\"", Query(BuiltInDefinitions.EngineAsleep), StringComparison.Ordinal);
    }
}
