using System.Globalization;
using System.Text;
using Autoscale.MetricsAdapter.Sources;
using Autoscale.MetricsAdapter.Sources.Definitions;
using Autoscale.MetricsAdapter.Sources.Scrape.Mapping;
using Autoscale.MetricsAdapter.Tests.Sources.Exposition;
using Autoscale.VllmEmulator.Exposition;
using Autoscale.VllmEmulator.Model;
using static Autoscale.MetricsAdapter.Tests.Sources.Scrape.Mapping.PageMapperGoldenTests;

namespace Autoscale.MetricsAdapter.Tests.Sources.Scrape.Mapping;

/// <summary>
/// The planner's demand metrics (planner contract §3), derived at ingest from successive pages of one target: the real
/// V0 page and the V1-shape page of /work/shared/fixtures with their counters moved on, and pages of the vLLM emulator
/// in both dialects. Checked: the formula, V0 vs V1 names, counter resets, and that nothing is served before it can
/// be known.
/// </summary>
public sealed class DemandMetricsTests
{
    private const string Arrivals = "vllm_arrival_requests_per_second";
    private const string WaitingTokens = "vllm_waiting_prompt_tokens";
    private const string Ttft = "vllm_time_to_first_token_seconds";
    private const string Itl = "vllm_inter_token_latency_seconds";

    private readonly PageMapper _mapper = new(new CatalogMapping(MetricCatalog.BuiltIn, TimeSpan.FromSeconds(60), Autoscale.MetricsAdapter.Sources.Scrape.ScrapeSettings.Default.ArrivalWindow), TargetKind.InferenceServer);

    [Fact]
    public void Arrivals_from_the_real_v0_page_are_completions_plus_the_change_in_flight()
    {
        var first = Fixture("vllm-v0-real");
        Assert.Null(Value(first, 0, Arrivals)); // one page: no window yet

        // 2 s later: 6 more finished, waiting 0 → 2, running 0 → 1: (6 + 3) / 2 s.
        var second = first
            .Replace("finished_reason=\"stop\",model_name=\"Qwen/Qwen2.5-Coder-1.5B-Instruct\"} 4.0", "finished_reason=\"stop\",model_name=\"Qwen/Qwen2.5-Coder-1.5B-Instruct\"} 10.0", StringComparison.Ordinal)
            .Replace("vllm:num_requests_waiting{model_name=\"Qwen/Qwen2.5-Coder-1.5B-Instruct\"} 0.0", "vllm:num_requests_waiting{model_name=\"Qwen/Qwen2.5-Coder-1.5B-Instruct\"} 2.0", StringComparison.Ordinal)
            .Replace("vllm:num_requests_running{model_name=\"Qwen/Qwen2.5-Coder-1.5B-Instruct\"} 0.0", "vllm:num_requests_running{model_name=\"Qwen/Qwen2.5-Coder-1.5B-Instruct\"} 1.0", StringComparison.Ordinal);
        Assert.NotEqual(first, second);
        Assert.Equal(4.5, Value(second, 2, Arrivals)!.Value, 9);
    }

    [Fact]
    public void Arrivals_from_the_v1_page_sum_engines_and_finish_reasons_and_survive_a_restart()
    {
        var first = Fixture("vllm-v1-shape");
        Assert.Null(Value(first, 0, Arrivals));

        // 4 more finished (stop), waiting 3+0 → 5+0, running 8+6 → 9+6: (4 + 3) / 2 s.
        var second = first
            .Replace("finished_reason=\"stop\",model_name=\"llama-8b\"} 901.0", "finished_reason=\"stop\",model_name=\"llama-8b\"} 905.0", StringComparison.Ordinal)
            .Replace("vllm:num_requests_waiting{engine=\"0\",model_name=\"llama-8b\"} 3.0", "vllm:num_requests_waiting{engine=\"0\",model_name=\"llama-8b\"} 5.0", StringComparison.Ordinal)
            .Replace("vllm:num_requests_running{engine=\"0\",model_name=\"llama-8b\"} 8.0", "vllm:num_requests_running{engine=\"0\",model_name=\"llama-8b\"} 9.0", StringComparison.Ordinal);
        Assert.Equal(3.5, Value(second, 2, Arrivals)!.Value, 9);

        // The server restarted: its counters start again (2 stop, 0 abort) and 1 + 1 are in flight. Everything it
        // reports arrived since the restart, over the window so far (the first page, 4 s back: the window is younger
        // than scrape.arrivalWindow): (2 + 2) / 4 s, never a negative rate from the counters going down.
        var restarted = first
            .Replace("finished_reason=\"stop\",model_name=\"llama-8b\"} 901.0", "finished_reason=\"stop\",model_name=\"llama-8b\"} 2.0", StringComparison.Ordinal)
            .Replace("finished_reason=\"abort\",model_name=\"llama-8b\"} 4.0", "finished_reason=\"abort\",model_name=\"llama-8b\"} 0.0", StringComparison.Ordinal)
            .Replace("vllm:num_requests_waiting{engine=\"0\",model_name=\"llama-8b\"} 3.0", "vllm:num_requests_waiting{engine=\"0\",model_name=\"llama-8b\"} 1.0", StringComparison.Ordinal)
            .Replace("vllm:num_requests_running{engine=\"0\",model_name=\"llama-8b\"} 8.0", "vllm:num_requests_running{engine=\"0\",model_name=\"llama-8b\"} 1.0", StringComparison.Ordinal)
            .Replace("vllm:num_requests_running{engine=\"1\",model_name=\"llama-8b\"} 6.0", "vllm:num_requests_running{engine=\"1\",model_name=\"llama-8b\"} 0.0", StringComparison.Ordinal);
        Assert.Equal(1.0, Value(restarted, 4, Arrivals)!.Value, 9);
    }

    [Fact]
    public void Arrivals_span_the_arrival_window_once_the_pod_is_that_old()
    {
        // Pages every 2 s: 1 request/s finishing for the first 40 s, then 10/s for 6 s; nothing waits or runs.
        var finished = 0;
        double? served = null;
        for (var t = 0; t <= 46; t += 2)
        {
            finished += t == 0 ? 0 : t <= 40 ? 2 : 20;
            served = Value(Gauges(waiting: 0, running: 0, finished: finished), t, Arrivals);
            if (t == 2)
            {
                Assert.Equal(1.0, served!.Value, 9); // a young pod: over its life so far, as every other rate
            }

            if (t == 20)
            {
                Assert.Equal(1.0, served!.Value, 9);
            }
        }

        // At 46 s the base is the newest kept page at least 30 s old; a page is kept when the last kept one is a
        // window/8 (3.75 s) older (kept: 0, 4, 8, 12, 16, …), so it is the one at 16 s: (24 × 1 + 6 × 10) / 30 s, not
        // the last two pages' 10/s.
        Assert.Equal((24.0 + 60.0) / 30.0, served!.Value, 9);
    }

    [Fact]
    public void Mean_prompt_and_output_tokens_are_token_increases_over_finished_requests_in_the_window()
    {
        static string Page(int finished, int prompt, int generated) => $"""
            vllm:request_success_total{"{"}finished_reason="stop",model_name="m"{"}"} {finished}
            vllm:prompt_tokens_total{"{"}model_name="m"{"}"} {prompt}
            vllm:generation_tokens_total{"{"}model_name="m"{"}"} {generated}

            """;

        Assert.Null(Value(Page(10, 5000, 1000), 0, "vllm_mean_prompt_tokens"));
        Assert.Null(Value(Page(10, 5000, 1000), 30, "vllm_mean_prompt_tokens")); // no page a window (60 s) old yet

        // 60 s on: 4 more finished, 2,000 more prompt tokens, 600 more generated.
        var page = Page(14, 7000, 1600);
        Assert.Equal(500.0, Value(page, 60, "vllm_mean_prompt_tokens")!.Value, 9);

        // The output mean from a second mapper fed the same pages (a value is computed once per page and target).
        var mapper = new PageMapper(new CatalogMapping(MetricCatalog.BuiltIn, TimeSpan.FromSeconds(60), TimeSpan.FromSeconds(30)), TargetKind.InferenceServer);
        Map(Page(10, 5000, 1000), TargetKind.InferenceServer, mapper, ScrapeTime);
        var output = Assert.Single(Assert.Single(Map(page, TargetKind.InferenceServer, mapper, ScrapeTime.AddSeconds(60))).Series, s => s.Metric == "vllm_mean_output_tokens");
        Assert.Equal(150.0, output.Sample.Value, 9);

        // A window in which nothing finished has no mean, never 0 or infinity.
        Assert.Null(Value(Page(14, 7300, 1700), 120, "vllm_mean_prompt_tokens"));
    }

    [Fact]
    public void Length_spreads_are_the_standard_deviation_of_bucket_midpoints_over_the_window_summed_over_engines()
    {
        // vLLM's 1-2-5 buckets of vllm:request_prompt_tokens, two engines, cumulative counts per le.
        static string Page(int e0Le500, int e0Le1000, int e1Le1000, int e1Le2000) => $"""
            vllm:request_prompt_tokens_bucket{"{"}engine="0",le="500.0",model_name="m"{"}"} {e0Le500}
            vllm:request_prompt_tokens_bucket{"{"}engine="0",le="1000.0",model_name="m"{"}"} {e0Le1000}
            vllm:request_prompt_tokens_bucket{"{"}engine="0",le="2000.0",model_name="m"{"}"} {e0Le1000}
            vllm:request_prompt_tokens_bucket{"{"}engine="0",le="+Inf",model_name="m"{"}"} {e0Le1000}
            vllm:request_prompt_tokens_bucket{"{"}engine="1",le="500.0",model_name="m"{"}"} 0
            vllm:request_prompt_tokens_bucket{"{"}engine="1",le="1000.0",model_name="m"{"}"} {e1Le1000}
            vllm:request_prompt_tokens_bucket{"{"}engine="1",le="2000.0",model_name="m"{"}"} {e1Le2000}
            vllm:request_prompt_tokens_bucket{"{"}engine="1",le="+Inf",model_name="m"{"}"} {e1Le2000}

            """;
        const string spread = "vllm_stddev_prompt_tokens";

        Assert.Null(Value(Page(5, 5, 0, 0), 0, spread));
        Assert.Null(Value(Page(5, 5, 0, 0), 30, spread)); // no page a window old yet

        // 60 s on: engine 0 finished 2 more in (500, 1000], engine 1 two in (500, 1000] and four in (1000, 2000]: the
        // window holds 4 at the midpoint 750 and 4 at 1500: mean 1125, standard deviation 375. The 5 before the
        // window (all at 250) are not in it.
        Assert.Equal(375.0, Value(Page(5, 7, 2, 6), 60, spread)!.Value, 9);

        // A window in which nothing finished has no spread, never 0.
        Assert.Null(Value(Page(5, 7, 2, 6), 120, spread));
    }

    [Fact]
    public void A_length_histogram_whose_counts_fall_with_the_bound_gives_no_spread()
    {
        static string Page(int le100, int le200) => $"""
            vllm:request_generation_tokens_bucket{"{"}le="100.0",model_name="m"{"}"} {le100}
            vllm:request_generation_tokens_bucket{"{"}le="200.0",model_name="m"{"}"} {le200}
            vllm:request_generation_tokens_bucket{"{"}le="+Inf",model_name="m"{"}"} {le200}

            """;
        const string spread = "vllm_stddev_output_tokens";

        Value(Page(1, 2), 0, spread);
        Assert.Null(Value(Page(9, 4), 60, spread)); // 9 at or below 100 but 4 at or below 200: a broken page
        Assert.Equal(50.0, Value(Page(3, 6), 120, spread)!.Value, 9); // the last good snapshot is still the base: 2 at 50, 2 at 150
    }

    [Fact]
    public void Arrivals_are_never_negative()
    {
        // V0 does not count aborted requests as finished: 10 leave the batch, none finish.
        Value(Gauges(waiting: 0, running: 10, finished: 50), 0, Arrivals);
        Assert.Equal(0.0, Value(Gauges(waiting: 0, running: 0, finished: 50), 2, Arrivals));
    }

    [Fact]
    public void Ttft_mean_from_the_v1_page_uses_sum_and_count_deltas_over_the_window_and_a_restart()
    {
        var page = Fixture("vllm-v1-shape");
        Assert.Null(Value(page, 0, Ttft));
        Assert.Null(Value(page, 30, Ttft)); // no snapshot a window old yet

        // 60 s on: 100 more first tokens taking 20 s in all → 0.2 s each.
        var later = page
            .Replace("vllm:time_to_first_token_seconds_count{engine=\"0\",model_name=\"llama-8b\"} 905.0", "vllm:time_to_first_token_seconds_count{engine=\"0\",model_name=\"llama-8b\"} 1005.0", StringComparison.Ordinal)
            .Replace("vllm:time_to_first_token_seconds_sum{engine=\"0\",model_name=\"llama-8b\"} 181.2", "vllm:time_to_first_token_seconds_sum{engine=\"0\",model_name=\"llama-8b\"} 201.2", StringComparison.Ordinal);
        Assert.Equal(0.2, Value(later, 60, Ttft)!.Value, 9);

        // Restarted: 10 requests since, 3 s in all → 0.3, from the counts since the restart.
        var restarted = page
            .Replace("vllm:time_to_first_token_seconds_count{engine=\"0\",model_name=\"llama-8b\"} 905.0", "vllm:time_to_first_token_seconds_count{engine=\"0\",model_name=\"llama-8b\"} 10.0", StringComparison.Ordinal)
            .Replace("vllm:time_to_first_token_seconds_sum{engine=\"0\",model_name=\"llama-8b\"} 181.2", "vllm:time_to_first_token_seconds_sum{engine=\"0\",model_name=\"llama-8b\"} 3.0", StringComparison.Ordinal);
        Assert.Equal(0.3, Value(restarted, 120, Ttft)!.Value, 9);
    }

    [Fact]
    public void A_window_without_requests_has_no_mean_not_zero()
    {
        var page = Fixture("vllm-v1-shape");
        Value(page, 0, Ttft);
        Assert.Null(Value(page, 60, Ttft));
    }

    [Theory]
    [InlineData("vllm:inter_token_latency_seconds", "engine=\"0\",")] // V1, vLLM 0.11 and later
    [InlineData("vllm:time_per_output_token_seconds", "engine=\"0\",")] // V1 before 0.11
    [InlineData("vllm:time_per_output_token_seconds", "")] // V0
    public void Itl_mean_reads_the_v1_or_the_v0_name(string family, string engine)
    {
        var v0 = engine.Length == 0;
        var page = Fixture(v0 ? "vllm-v0-real" : "vllm-v1-shape");
        var model = v0 ? "Qwen/Qwen2.5-Coder-1.5B-Instruct" : "llama-8b";
        Assert.Null(Value(page + Histogram(family, engine, model, count: 1000, sum: 25), 0, Itl));

        // 400 more tokens in 60 s, 10 s of gaps in all → 25 ms each.
        Assert.Equal(0.025, Value(page + Histogram(family, engine, model, count: 1400, sum: 35), 60, Itl)!.Value, 9);
    }

    [Fact]
    public void Itl_prefers_the_v1_name_when_a_page_has_both()
    {
        // vLLM 0.11–0.12 with --show-hidden-metrics-for-version still writes the deprecated name next to the new one.
        var page = Fixture("vllm-v1-shape");
        string Both(double itlCount, double itlSum, double tpotCount, double tpotSum) =>
            page + Histogram("vllm:time_per_output_token_seconds", "engine=\"0\",", "llama-8b", tpotCount, tpotSum)
                 + Histogram("vllm:inter_token_latency_seconds", "engine=\"0\",", "llama-8b", itlCount, itlSum);
        Value(Both(100, 0, 100, 0), 0, Itl);

        // From the new name 5 s / 100 = 0.05; the old one would say 900 s / 200 = 4.5.
        Assert.Equal(0.05, Value(Both(200, 5, 300, 900), 60, Itl)!.Value, 9);
    }

    [Fact]
    public void Waiting_prompt_tokens_are_waiting_requests_times_the_mean_prompt_length()
    {
        var page = Fixture("vllm-v1-shape"); // waiting 3 + 0
        Assert.Null(Value(page + Histogram("vllm:request_prompt_tokens", "engine=\"0\",", "llama-8b", count: 900, sum: 1_000_000), 0, WaitingTokens));

        // 100 requests with 700,000 prompt tokens in the window: 7,000 each; 3 waiting → 21,000.
        Assert.Equal(21_000, Value(page + Histogram("vllm:request_prompt_tokens", "engine=\"0\",", "llama-8b", count: 1000, sum: 1_700_000), 60, WaitingTokens)!.Value, 6);
    }

    [Fact]
    public void Waiting_prompt_tokens_are_zero_when_nothing_waits_even_before_a_window()
    {
        // The real V0 page: nothing waiting and no prompt histogram on it.
        Assert.Equal(0.0, Value(Fixture("vllm-v0-real"), 0, WaitingTokens));
    }

    [Theory]
    [InlineData(VllmDialect.V1)]
    [InlineData(VllmDialect.V0)]
    public void Emulator_pages_yield_arrivals_and_the_ttft_mean(VllmDialect dialect)
    {
        var options = new ExpositionOptions { ModelName = "llama-8b", Dialect = dialect };
        string Page(int waiting, int running, long finished, long ttftCount, double ttftSum) =>
            VllmExposition.Format(Replica(waiting, running, finished, ttftCount, ttftSum, dialect), options);

        Assert.Null(Value(Page(2, 10, 100, 110, 11), 0, Arrivals));
        // 2 s: 8 finished, in flight 12 → 16: (8 + 4) / 2 s.
        Assert.Equal(6.0, Value(Page(4, 12, 108, 118, 11.8), 2, Arrivals)!.Value, 9);
        // A window after the first page: 130 first tokens in 39 s → 0.3 s each.
        Assert.Equal(0.3, Value(Page(0, 12, 230, 240, 50), 60, Ttft)!.Value, 9);
    }

    [Theory]
    [InlineData(VllmDialect.V1)]
    [InlineData(VllmDialect.V0)]
    public void Emulator_pages_yield_length_spreads_from_the_request_token_histograms(VllmDialect dialect)
    {
        // A replica of the emulator finishes two requests, is scraped, then finishes four more with answers of 100 and
        // 3,000 tokens (buckets (50, 100] and (2000, 5000]) and prompts of 300 and 1,500 ((200, 500], (1000, 2000]).
        var options = new ExpositionOptions { ModelName = "llama-8b", Dialect = dialect };
        var model = new ReplicaModel(ReplicaProfiles.Llama31_8B_H100, _ => { });
        var id = 0;
        void Finish(params (int Prompt, int Output)[] requests)
        {
            foreach (var (prompt, output) in requests)
            {
                Assert.True(model.Submit(new RequestArrival(id++, model.Now, prompt, output)));
            }

            model.AdvanceTo(model.Now + 600);
        }

        Finish((50, 20_000), (50, 20_000));
        Assert.Null(Value(VllmExposition.Format(model.Snapshot(), options), 0, "vllm_stddev_output_tokens"));
        Finish((300, 100), (1_500, 3_000), (300, 100), (1_500, 3_000));
        var page = VllmExposition.Format(model.Snapshot(), options);

        // Only the four of the window: midpoints 75 and 3,500 (outputs), 350 and 1,500 (prompts), two of each.
        Assert.Equal((3_500 - 75) / 2.0, Value(page, 60, "vllm_stddev_output_tokens")!.Value, 6);
        Assert.Equal((1_500 - 350) / 2.0, Value(page, 60, "vllm_stddev_prompt_tokens")!.Value, 6);
        var prompts = new PageMapper(new CatalogMapping(MetricCatalog.BuiltIn, TimeSpan.FromSeconds(60), TimeSpan.FromSeconds(30)), TargetKind.InferenceServer);
        Map(VllmExposition.Format(model.Snapshot() with { RequestPromptTokens = null }, options), TargetKind.InferenceServer, prompts, ScrapeTime);
        var spread = Map(page, TargetKind.InferenceServer, prompts, ScrapeTime.AddSeconds(60)).Single().Series.Where(s => s.Metric == "vllm_stddev_prompt_tokens");
        Assert.Empty(spread); // the first page had no prompt histogram: no window to subtract, no value
    }

    [Fact]
    public void A_target_that_drops_a_series_loses_its_window()
    {
        var page = Fixture("vllm-v1-shape");
        Value(page, 0, Ttft);
        var without = string.Join('\n', page.Split('\n').Where(l => !l.Contains("time_to_first_token", StringComparison.Ordinal)));
        Assert.Null(Value(without, 30, Ttft));

        // Back again a window later, with 100 more first tokens: a fresh window, no delta against the value from
        // before the gap (which would say 0.2 s).
        var later = page
            .Replace("vllm:time_to_first_token_seconds_count{engine=\"0\",model_name=\"llama-8b\"} 905.0", "vllm:time_to_first_token_seconds_count{engine=\"0\",model_name=\"llama-8b\"} 1005.0", StringComparison.Ordinal)
            .Replace("vllm:time_to_first_token_seconds_sum{engine=\"0\",model_name=\"llama-8b\"} 181.2", "vllm:time_to_first_token_seconds_sum{engine=\"0\",model_name=\"llama-8b\"} 201.2", StringComparison.Ordinal);
        Assert.NotEqual(page, later);
        Assert.Null(Value(later, 60, Ttft));
    }

    private static string Fixture(string name) => Encoding.UTF8.GetString(ExpositionGoldenTests.ReadFixture(name));

    private double? Value(string page, int seconds, string metric)
    {
        var pods = Map(page, TargetKind.InferenceServer, _mapper, ScrapeTime.AddSeconds(seconds));
        var series = Assert.Single(pods).Series.Where(s => s.Metric == metric).ToList();
        Assert.True(series.Count <= 1, $"{metric}: one series per model");
        Assert.DoesNotContain(series, s => !double.IsFinite(s.Sample.Value));
        return series.Count == 0 ? null : series[0].Sample.Value;
    }

    private static string Gauges(int waiting, int running, int finished) => $"""
        vllm:num_requests_waiting{"{"}model_name="m"{"}"} {waiting}
        vllm:num_requests_running{"{"}model_name="m"{"}"} {running}
        vllm:request_success_total{"{"}finished_reason="stop",model_name="m"{"}"} {finished}

        """;

    private static string Histogram(string family, string engine, string model, double count, double sum) => string.Create(CultureInfo.InvariantCulture, $"""
        # TYPE {family} histogram
        {family}_bucket{"{"}{engine}le="+Inf",model_name="{model}"{"}"} {count}
        {family}_count{"{"}{engine}model_name="{model}"{"}"} {count}
        {family}_sum{"{"}{engine}model_name="{model}"{"}"} {sum}

        """);

    private static ReplicaMetrics Replica(int waiting, int running, long finished, long ttftCount, double ttftSum, VllmDialect dialect)
    {
        var bounds = dialect == VllmDialect.V1 ? VllmBuckets.TimeToFirstTokenSeconds : VllmBuckets.TimeToFirstTokenSecondsV0;
        return new ReplicaMetrics
        {
            AtSeconds = 0,
            Waiting = waiting,
            Running = running,
            KvCacheUsage = 0.5,
            PromptTokens = 1000,
            GenerationTokens = 1000,
            RequestSuccess = finished,
            Preemptions = 0,
            TimeToFirstToken = new HistogramSnapshot(bounds, [.. bounds.Select(_ => ttftCount)], ttftSum, ttftCount),
            NumGpuBlocks = 1000,
            BlockSize = 16,
        };
    }
}
