using Autoscale.MetricsAdapter.Sources;
using Autoscale.MetricsAdapter.Sources.Exposition;
using static Autoscale.MetricsAdapter.Tests.Sources.Scrape.Mapping.PageMapperGoldenTests;
using Autoscale.MetricsAdapter.Sources.Definitions;
using Autoscale.MetricsAdapter.Sources.Scrape.Mapping;
using Autoscale.MetricsAdapter.Store;

namespace Autoscale.MetricsAdapter.Tests.Sources.Scrape.Mapping;

public sealed class PageMapperTests
{
    private const string Ttft = "vllm_time_to_first_token_p95_seconds";

    [Fact]
    public void Kv_cache_usage_prefers_the_new_name_when_a_page_has_both()
    {
        var page = """
            vllm:gpu_cache_usage_perc{engine="0",model_name="m"} 0.9
            vllm:kv_cache_usage_perc{engine="0",model_name="m"} 0.5
            vllm:gpu_cache_usage_perc{engine="1",model_name="m"} 0.95
            """;
        var series = Assert.Single(Assert.Single(Map(page, TargetKind.InferenceServer)).Series);
        Assert.Equal(("vllm_kv_cache_usage", 0.5), (series.Metric, series.Sample.Value));
    }

    [Theory]
    [InlineData(1, 0, 0, 0.0)]
    [InlineData(0, 1, 0, 1.0)]
    [InlineData(0, 0, 1, 1.0)]
    public void Sleep_mode_is_read_from_engine_sleep_state(int awake, int offloaded, int discarded, double asleep)
    {
        var page = $$"""
            vllm:engine_sleep_state{engine="0",model_name="m",sleep_state="awake"} {{awake}}
            vllm:engine_sleep_state{engine="0",model_name="m",sleep_state="weights_offloaded"} {{offloaded}}
            vllm:engine_sleep_state{engine="0",model_name="m",sleep_state="discard_all"} {{discarded}}
            """;
        var series = Assert.Single(Assert.Single(Map(page, TargetKind.InferenceServer)).Series);
        Assert.Equal((BuiltInDefinitions.EngineAsleep, asleep), (series.Metric, series.Sample.Value));
    }

    [Fact]
    public void Models_of_one_pod_stay_separate_series()
    {
        var page = """
            vllm:num_requests_waiting{engine="0",model_name="a"} 1
            vllm:num_requests_waiting{engine="0",model_name="b"} 2
            vllm:num_requests_waiting{engine="1",model_name="a"} 3
            """;
        var series = Assert.Single(Map(page, TargetKind.InferenceServer)).Series;
        Assert.Equal([("a", 4.0), ("b", 2.0)], series.Select(s => (s.Labels["model_name"], s.Sample.Value)).Order());
    }

    [Fact]
    public void Exposed_timestamps_win_over_the_scrape_time_and_nan_is_left_out()
    {
        var page = """
            vllm:num_requests_waiting{model_name="m"} 2 1767322000000
            vllm:num_requests_running{model_name="m"} NaN
            """;
        var series = Assert.Single(Assert.Single(Map(page, TargetKind.InferenceServer)).Series);
        Assert.Equal(DateTimeOffset.FromUnixTimeMilliseconds(1767322000000), series.Sample.Timestamp);
    }

    [Fact]
    public void A_page_without_catalog_series_yields_the_target_with_no_series()
    {
        var pod = Assert.Single(Map("python_gc_objects_collected_total 12\n", TargetKind.InferenceServer));
        Assert.Equal(Target, pod.Pod);
        Assert.Empty(pod.Series);
    }

    [Fact]
    public void Ttft_p95_needs_two_pages_a_window_apart_and_uses_bucket_deltas()
    {
        var mapper = new PageMapper(new CatalogMapping(MetricCatalog.BuiltIn, TimeSpan.FromSeconds(60), Autoscale.MetricsAdapter.Sources.Scrape.ScrapeSettings.Default.ArrivalWindow), TargetKind.InferenceServer);
        Assert.Null(TtftAt(mapper, 0, [100, 100, 100, 100]));
        Assert.Null(TtftAt(mapper, 30, [150, 150, 150, 150]));

        // 60 s later: 100 new observations, 50 in (0.1, 0.5], 50 in (0.5, 1] over two engines → p95 = 0.5 + 0.5 × 45/50.
        var p95 = TtftAt(mapper, 60, [100, 150, 200, 200]);
        Assert.Equal(0.95, p95!.Value, 9);
    }

    [Fact]
    public void Ttft_p95_after_a_restart_uses_the_counts_since_the_restart()
    {
        var mapper = new PageMapper(new CatalogMapping(MetricCatalog.BuiltIn, TimeSpan.FromSeconds(10), Autoscale.MetricsAdapter.Sources.Scrape.ScrapeSettings.Default.ArrivalWindow), TargetKind.InferenceServer);
        TtftAt(mapper, 0, [1000, 1000, 1000, 1000]);
        var p95 = TtftAt(mapper, 10, [10, 10, 10, 10]);
        Assert.Equal(0.095, p95!.Value, 9);
    }

    [Fact]
    public void Ttft_with_no_new_requests_in_the_window_is_omitted()
    {
        var mapper = new PageMapper(new CatalogMapping(MetricCatalog.BuiltIn, TimeSpan.FromSeconds(10), Autoscale.MetricsAdapter.Sources.Scrape.ScrapeSettings.Default.ArrivalWindow), TargetKind.InferenceServer);
        TtftAt(mapper, 0, [5, 5, 5, 5]);
        Assert.Null(TtftAt(mapper, 10, [5, 5, 5, 5]));
    }

    [Fact]
    public void Garbage_page_reports_the_line_and_maps_nothing()
    {
        var mapper = new PageMapper(new CatalogMapping(MetricCatalog.BuiltIn, TimeSpan.FromSeconds(60), Autoscale.MetricsAdapter.Sources.Scrape.ScrapeSettings.Default.ArrivalWindow), TargetKind.InferenceServer);
        var result = mapper.Map("vllm:num_requests_waiting{model_name=\"m\"} 1\nvllm:num_requests_waiting{x 2\n"u8, ExpositionFormat.PrometheusText, Target, ScrapeTime, out var pods);
        Assert.False(result.IsOk);
        Assert.Equal(2, result.Line);
        Assert.Empty(pods);
    }

    [Theory]
    [InlineData(9223372036854775794d, true)]
    [InlineData(2147483632d, true)]
    [InlineData(2147483635d, true)]
    [InlineData(140737488355328d, true)]
    [InlineData(97d, false)]
    [InlineData(2147483631d, false)]
    public void Dcgm_blank_values_are_recognised(double value, bool blank) => Assert.Equal(blank, DcgmBlank.IsBlank(value));

    [Theory]
    [InlineData(0.5, 0.5)]
    [InlineData(0.725, 0.75)]
    [InlineData(0.99, 1.0)]
    public void Histogram_quantile_interpolates_like_prometheus(double q, double expected)
    {
        // 50 in (0, 0.5], 45 in (0.5, 1], 5 above 1.
        double[] bounds = [0.5, 1, double.PositiveInfinity];
        double[] counts = [50, 95, 100];
        Assert.Equal(expected, HistogramQuantile.Compute(q, bounds, counts), 9);
    }

    // Two engines, each with half the counts: buckets 0.1, 0.5, 1, +Inf.
    private static double? TtftAt(PageMapper mapper, int seconds, double[] cumulative)
    {
        string[] bounds = ["0.1", "0.5", "1.0", "+Inf"];
        var lines = new List<string>();
        foreach (var engine in new[] { "0", "1" })
        {
            for (int i = 0; i < bounds.Length; i++)
            {
                lines.Add($"vllm:time_to_first_token_seconds_bucket{{engine=\"{engine}\",le=\"{bounds[i]}\",model_name=\"m\"}} {cumulative[i] / 2}");
            }

            lines.Add($"vllm:time_to_first_token_seconds_count{{engine=\"{engine}\",model_name=\"m\"}} {cumulative[^1] / 2}");
        }

        var pods = Map(string.Join('\n', lines), TargetKind.InferenceServer, mapper, ScrapeTime.AddSeconds(seconds));
        var series = Assert.Single(pods).Series.SingleOrDefault(s => s.Metric == Ttft);
        return series?.Sample.Value;
    }
}
