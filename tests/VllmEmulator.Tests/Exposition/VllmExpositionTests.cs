using Autoscale.VllmEmulator.Exposition;
using Autoscale.VllmEmulator.Model;

namespace Autoscale.VllmEmulator.Tests.Exposition;

public sealed class VllmExpositionTests
{
    private static ReplicaMetrics LoadedReplica()
    {
        var model = new ReplicaModel(ReplicaProfiles.Llama31_8B_A10G);
        for (var i = 0; i < 400; i++)
        {
            model.Submit(new RequestArrival(i, i * 0.01, 500, 300));
        }

        model.AdvanceTo(60);
        return model.Snapshot();
    }

    [Fact]
    public void V1_page_parses_and_has_the_families_with_engine_and_model_labels()
    {
        var metrics = LoadedReplica();
        var page = VllmExposition.Format(metrics, new ExpositionOptions { ModelName = "llama-8b" });

        var samples = PrometheusText.Parse(page);

        var labels = new[] { ("engine", "0"), ("model_name", "llama-8b") };
        Assert.Equal(metrics.Waiting, samples.Value("vllm:num_requests_waiting", labels));
        Assert.Equal(metrics.Running, samples.Value("vllm:num_requests_running", labels));
        Assert.Equal(metrics.KvCacheUsage, samples.Value("vllm:kv_cache_usage_perc", labels), 12);
        Assert.Equal(metrics.PromptTokens, samples.Value("vllm:prompt_tokens_total", labels));
        Assert.Equal(metrics.GenerationTokens, samples.Value("vllm:generation_tokens_total", labels));
        Assert.Equal(metrics.PrefixCacheQueries, samples.Value("vllm:prefix_cache_queries_total", labels));
        Assert.Equal(metrics.PrefixCacheHits, samples.Value("vllm:prefix_cache_hits_total", labels));
        Assert.True(metrics.PrefixCacheQueries > 0);
        Assert.Equal(metrics.RequestSuccess, samples.Value("vllm:request_success_total", [.. labels, ("finished_reason", "stop")]));
        Assert.Equal(0, samples.Value("vllm:request_success_total", [.. labels, ("finished_reason", "abort")]));
        Assert.Equal(metrics.TimeToFirstToken.Count, samples.Value("vllm:time_to_first_token_seconds_count", labels));
        Assert.Equal(metrics.TimeToFirstToken.Count, samples.Value("vllm:time_to_first_token_seconds_bucket", [.. labels, ("le", "+Inf")]));
        Assert.Equal(metrics.TimeToFirstToken.Sum, samples.Value("vllm:time_to_first_token_seconds_sum", labels), 6);
        Assert.True(metrics.Waiting > 0 && metrics.Running > 0 && metrics.RequestSuccess > 0);
        Assert.All(samples.Where(s => s.Name.StartsWith("vllm:", StringComparison.Ordinal)), s => Assert.Equal("0", s.Labels["engine"]));
    }

    [Fact]
    public void Ttft_buckets_are_vllms_cumulative_and_end_with_inf()
    {
        var page = VllmExposition.Format(LoadedReplica(), new ExpositionOptions { ModelName = "m" });
        var buckets = PrometheusText.Parse(page).Where(s => s.Name == "vllm:time_to_first_token_seconds_bucket").ToList();

        var les = buckets.Select(b => b.Labels["le"]).ToList();
        Assert.Equal(
            ["0.001", "0.005", "0.01", "0.02", "0.04", "0.06", "0.08", "0.1", "0.25", "0.5", "0.75", "1.0", "2.5", "5.0",
             "7.5", "10.0", "20.0", "40.0", "80.0", "160.0", "640.0", "2560.0", "+Inf"],
            les);
        for (var i = 1; i < buckets.Count; i++)
        {
            Assert.True(buckets[i].Value >= buckets[i - 1].Value);
        }
    }

    [Fact]
    public void Lines_look_like_the_fixture_label_order_and_number_format()
    {
        var page = VllmExposition.Format(LoadedReplica(), new ExpositionOptions { ModelName = "llama-8b" });

        // Same shapes as /work/shared/fixtures/vllm-v1-shape.prom: alphabetical labels, Python float repr.
        Assert.Contains("# HELP vllm:kv_cache_usage_perc KV-cache usage. 1 means 100 percent usage.\n", page, StringComparison.Ordinal);
        Assert.Contains("# TYPE vllm:time_to_first_token_seconds histogram\n", page, StringComparison.Ordinal);
        Assert.Contains("vllm:time_to_first_token_seconds_bucket{engine=\"0\",le=\"0.1\",model_name=\"llama-8b\"} ", page, StringComparison.Ordinal);
        Assert.Contains("vllm:request_success_total{engine=\"0\",finished_reason=\"stop\",model_name=\"llama-8b\"} ", page, StringComparison.Ordinal);
        Assert.Matches(@"vllm:num_requests_running\{engine=""0"",model_name=""llama-8b""\} \d+\.0\n", page);
    }

    [Fact]
    public void V0_page_uses_gpu_cache_usage_and_no_engine_label()
    {
        var metrics = LoadedReplica();
        var page = VllmExposition.Format(metrics, new ExpositionOptions { ModelName = "qwen", Dialect = VllmDialect.V0 });

        var samples = PrometheusText.Parse(page);

        Assert.Equal(metrics.KvCacheUsage, samples.Value("vllm:gpu_cache_usage_perc", ("model_name", "qwen")), 12);
        Assert.DoesNotContain(samples, s => s.Name == "vllm:kv_cache_usage_perc");
        Assert.DoesNotContain(samples, s => s.Labels.ContainsKey("engine"));
        Assert.DoesNotContain(samples, s => s.Name.StartsWith("vllm:prefix_cache", StringComparison.Ordinal));
        Assert.Equal("10.0", samples.Where(s => s.Name == "vllm:time_to_first_token_seconds_bucket").SkipLast(1).Last().Labels["le"]);
    }

    [Fact]
    public void Inter_token_latency_is_one_observation_per_decoded_token_under_each_dialects_name()
    {
        var metrics = LoadedReplica();
        var itl = metrics.InterTokenLatency!;
        // Every generated token after a request's first came out of a decode step (the first comes with the prefill).
        Assert.True(itl.Count > 0 && itl.Count < metrics.GenerationTokens);
        Assert.InRange(itl.Sum / itl.Count, 0.001, 1.0);

        var v1 = PrometheusText.Parse(VllmExposition.Format(metrics, new ExpositionOptions { ModelName = "m" }));
        var labels = new[] { ("engine", "0"), ("model_name", "m") };
        Assert.Equal(itl.Count, v1.Value("vllm:inter_token_latency_seconds_count", labels));
        Assert.Equal(itl.Sum, v1.Value("vllm:inter_token_latency_seconds_sum", labels), 6);
        Assert.Equal(itl.Count, v1.Value("vllm:inter_token_latency_seconds_bucket", [.. labels, ("le", "+Inf")]));
        Assert.Equal("80.0", v1.Where(s => s.Name == "vllm:inter_token_latency_seconds_bucket").SkipLast(1).Last().Labels["le"]);

        var v0 = PrometheusText.Parse(VllmExposition.Format(metrics, new ExpositionOptions { ModelName = "m", Dialect = VllmDialect.V0 }));
        Assert.DoesNotContain(v0, s => s.Name.StartsWith("vllm:inter_token_latency", StringComparison.Ordinal));
        Assert.Equal(itl.Count, v0.Value("vllm:time_per_output_token_seconds_count", ("model_name", "m")));
        Assert.Equal("2.5", v0.Where(s => s.Name == "vllm:time_per_output_token_seconds_bucket").SkipLast(1).Last().Labels["le"]);
    }

    [Theory]
    [InlineData(8.0, "8.0")]
    [InlineData(0.8125, "0.8125")]
    [InlineData(1.5e6, "1.5e+06")]
    [InlineData(901.0, "901.0")]
    [InlineData(181.2, "181.2")]
    [InlineData(1753795326.9, "1.7537953269e+09")]
    [InlineData(0.001, "0.001")]
    [InlineData(1e-5, "1e-05")]
    [InlineData(double.PositiveInfinity, "+Inf")]
    public void Numbers_are_formatted_like_prometheus_client(double value, string expected) =>
        Assert.Equal(expected, PromFloat.Format(value));
}
