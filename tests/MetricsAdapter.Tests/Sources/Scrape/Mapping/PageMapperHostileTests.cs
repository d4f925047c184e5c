using System.Text;
using Autoscale.MetricsAdapter.Sources;
using Autoscale.MetricsAdapter.Sources.Exposition;
using static Autoscale.MetricsAdapter.Tests.Sources.Scrape.Mapping.PageMapperGoldenTests;
using Autoscale.MetricsAdapter.Sources.Definitions;
using Autoscale.MetricsAdapter.Sources.Scrape.Mapping;
using Autoscale.MetricsAdapter.Store;

namespace Autoscale.MetricsAdapter.Tests.Sources.Scrape.Mapping;

/// <summary>Issue #12 findings 7 and 8: many label values, duplicate series.</summary>
public sealed class PageMapperHostileTests
{
    [Fact]
    public void Duplicate_series_keep_the_first_sample_and_are_counted_not_summed()
    {
        var mapper = NewMapper();
        var page = """
            vllm:num_requests_waiting{model_name="m"} 5
            vllm:num_requests_waiting{model_name="m"} 100
            vllm:num_requests_waiting{engine="1",model_name="m"} 2
            vllm:num_requests_running{model_name="m",engine="1"} 7
            vllm:num_requests_running{engine="1",model_name="m"} 70
            """;

        var series = Assert.Single(Map(page, TargetKind.InferenceServer, mapper)).Series;

        Assert.Equal([("vllm_queue_depth", 7.0), ("vllm_running_requests", 7.0)], series.Select(s => (s.Metric, s.Sample.Value)).Order());
        Assert.Equal(2, mapper.LastPage.Duplicates);
        Assert.False(mapper.LastPage.SeriesLimitReached);
    }

    [Fact]
    public void A_clean_page_has_no_duplicates()
    {
        var mapper = NewMapper();
        Map("vllm:num_requests_waiting{engine=\"0\",model_name=\"m\"} 5\nvllm:num_requests_waiting{engine=\"1\",model_name=\"m\"} 5\n", TargetKind.InferenceServer, mapper);
        Assert.Equal(0, mapper.LastPage.Duplicates);
    }

    [Fact]
    public void Many_models_each_on_two_engines_stay_one_series_per_model()
    {
        // More distinct values than the label interning table holds: each model must still be one summed series.
        const int Models = 1000;
        var page = new StringBuilder();
        for (int engine = 0; engine < 2; engine++)
        {
            for (int i = 0; i < Models; i++)
            {
                page.Append(System.Globalization.CultureInfo.InvariantCulture, $"vllm:num_requests_waiting{{engine=\"{engine}\",model_name=\"m{i}\"}} {i}\n");
            }
        }

        var series = Assert.Single(Map(page.ToString(), TargetKind.InferenceServer)).Series.Where(s => s.Metric == "vllm_queue_depth").ToList();

        Assert.Equal(Models, series.Count);
        Assert.All(series, s => Assert.Equal(2.0 * int.Parse(s.Labels["model_name"][1..], System.Globalization.CultureInfo.InvariantCulture), s.Sample.Value));
    }

    [Fact]
    public void A_page_over_the_series_limit_yields_nothing_and_says_so()
    {
        var page = new StringBuilder();
        for (int i = 0; i <= PageMapper.MaxSeriesPerPage; i++)
        {
            page.Append(System.Globalization.CultureInfo.InvariantCulture, $"vllm:num_requests_running{{model_name=\"m{i}\"}} 1\n");
        }

        var mapper = NewMapper();
        var result = mapper.Map(Encoding.UTF8.GetBytes(page.ToString()), ExpositionFormat.PrometheusText, Target, ScrapeTime, out var pods);

        Assert.True(result.IsOk);
        Assert.True(mapper.LastPage.SeriesLimitReached);
        Assert.Empty(pods);

        // The next, normal page maps again.
        var next = Assert.Single(Map("vllm:num_requests_running{model_name=\"m\"} 3\n", TargetKind.InferenceServer, mapper));
        Assert.False(mapper.LastPage.SeriesLimitReached);
        Assert.Equal(3.0, next.Series.Single(s => s.Metric == "vllm_running_requests").Sample.Value);
    }

    private static PageMapper NewMapper() =>
        new(new CatalogMapping(MetricCatalog.BuiltIn, TimeSpan.FromSeconds(60), Autoscale.MetricsAdapter.Sources.Scrape.ScrapeSettings.Default.ArrivalWindow), TargetKind.InferenceServer);
}
