using Autoscale.Kubernetes;
using Autoscale.MetricsAdapter.Catalog;
using Autoscale.MetricsAdapter.Config;
using Autoscale.MetricsAdapter.Sources.Definitions;

namespace Autoscale.MetricsAdapter.Tests.Config;

public sealed class AdapterConfigParserTests
{
    [Fact]
    public void The_commented_default_file_is_valid_and_equals_the_defaults()
    {
        var config = AdapterConfigParser.Parse(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Config", "default-config.yaml")));
        Assert.Equal(AdapterConfig.Default.Scrape, config.Scrape);
        Assert.Equal(TimeSpan.FromSeconds(10), config.Serving.StaleAfter);
        Assert.Equal(NotReadyPodPolicy.Omit, config.Serving.NotReadyPods);
        Assert.Equal(TimeSpan.FromSeconds(120), config.Serving.DesiredReplicasMaxAge);
        Assert.Equal(TimeSpan.FromSeconds(120), AdapterConfig.Default.Serving.DesiredReplicasMaxAge);
        Assert.True(config.Discovery.FollowHorizontalPodAutoscalers);
        Assert.Equal("app=nvidia-dcgm-exporter", config.Discovery.Dcgm?.LabelSelector);
        Assert.Equal(MetricCatalog.BuiltIn.Definitions.Select(d => d.Name), config.Catalog.Definitions.Select(d => d.Name));
        Assert.Null(config.PrometheusYaml);
    }

    [Fact]
    public void The_deployed_config_is_the_default_one()
    {
        var deployed = Path.Combine(Repo.Root, "deploy", "apiservice", "adapter-config.yaml");
        var config = AdapterConfigParser.Parse(File.ReadAllText(deployed));
        Assert.Equal(AdapterConfig.Default.Scrape, config.Scrape);
    }

    [Fact]
    public void A_full_file_is_read()
    {
        var config = AdapterConfigParser.Parse("""
            scrape: { interval: 1s, timeout: 800ms, staleAfter: 5s, concurrency: 8, maxPageBytes: 65536, clearAfterFailures: 2, latencyWindow: 1m30s, arrivalWindow: 45s }
            discovery:
              followHorizontalPodAutoscalers: false
              pods: [{ namespace: llm, labelSelector: app=vllm }]
              dcgm: { namespace: gpu-operator, labelSelector: app=dcgm }
            serving: { notReadyPods: serve }
            catalog:
              - { name: vllm_queue_depth, rename: queue, series: [my_queue] }
              - { name: gpu_engine_active, enabled: false }
              - { name: vllm_preemptions_per_second, series: "vllm:num_preemptions_total", kind: counter }
              - { name: hbm_gib, series: DCGM_FI_DEV_FB_USED, kind: gauge, aggregation: sum, scale: 0.0009765625 }
            prometheus:
              url: http://prometheus:9090
              rules:
                - seriesQuery: 'up{job="x"}'
            """);
        Assert.Equal(TimeSpan.FromSeconds(1), config.Scrape.Interval);
        Assert.Equal(TimeSpan.FromSeconds(90), config.Scrape.LatencyWindow);
        Assert.Equal(TimeSpan.FromSeconds(45), config.Scrape.ArrivalWindow);
        Assert.Equal(TimeSpan.FromSeconds(45), config.Mapping.ArrivalWindow);
        Assert.Equal((8, 65536, 2), (config.Scrape.Concurrency, config.Scrape.MaxPageBytes, config.Scrape.ClearAfterFailures));
        Assert.Equal(NotReadyPodPolicy.Serve, config.Serving.NotReadyPods);
        Assert.Equal(new PodSelectorSettings("llm", "app=vllm"), Assert.Single(config.Discovery.Pods));
        Assert.True(config.Catalog.TryGet("queue", out var queue));
        Assert.Equal("my_queue", queue.SourceSeries[^1]);
        Assert.False(config.Catalog.TryGet("vllm_queue_depth", out _));
        Assert.False(config.Catalog.TryGet("gpu_engine_active", out _));
        Assert.True(config.Catalog.TryGet("vllm_preemptions_per_second", out var preemptions));
        Assert.Equal(MetricKind.Rate, preemptions.Kind);
        Assert.True(config.Catalog.TryGet("hbm_gib", out var hbm));
        Assert.Equal(1.0 / 1024, hbm.SourceScale);
        Assert.Contains("seriesQuery: 'up{job=\"x\"}'", config.PrometheusYaml, StringComparison.Ordinal);
        Assert.Contains("url: http://prometheus:9090", config.PrometheusYaml, StringComparison.Ordinal);
        Assert.Equal(65536, config.Mapping.Parser.Options.MaxPageBytes);
    }

    [Theory]
    [InlineData("scrape: { interval: 100ms }", "scrape.interval: must be at least 500ms, got 100ms")]
    [InlineData("scrape: { interval: -2s }", "scrape.interval: \"-2s\" is not a duration like 2s or 500ms")]
    [InlineData("scrape: { interval: 2 }", "scrape.interval: \"2\" is not a duration like 2s or 500ms")]
    [InlineData("scrape: { timeout: 3s }", "scrape.timeout: must be above 0 and at most scrape.interval (2s), got 3s")]
    [InlineData("scrape: { staleAfter: 1s }", "scrape.staleAfter: must be at least scrape.interval (2s), got 1s")]
    [InlineData("scrape: { arrivalWindow: 1s }", "scrape.arrivalWindow: must be 0 (since the previous scrape) or between scrape.interval (2s) and 10m, got 1s")]
    [InlineData("scrape: { arrivalWindow: 11m }", "scrape.arrivalWindow: must be 0 (since the previous scrape) or between scrape.interval (2s) and 10m, got 11m")]
    [InlineData("scrape: { concurrency: many }", "scrape.concurrency: \"many\" is not an integer")]
    [InlineData("scrape: { concurrency: 0 }", "scrape.concurrency: must be between 1 and 1024, got 0")]
    [InlineData("scrape: { intervall: 2s }", "scrape.intervall: unknown key")]
    [InlineData("scrapes: {}", "scrapes: unknown key")]
    [InlineData("scrape: [1, 2]", "scrape: expected a mapping, got a list")]
    [InlineData("serving: { notReadyPods: zero }", "serving.notReadyPods: \"zero\" is not one of omit, atTarget, serve")]
    [InlineData("discovery: { followHorizontalPodAutoscalers: yes }", "discovery.followHorizontalPodAutoscalers: \"yes\" is not a boolean (true or false)")]
    [InlineData("discovery: { pods: [{ namespace: llm }] }", "discovery.pods[0].labelSelector: is required")]
    [InlineData("catalog: [{ name: vllm_queue_depth, kind: gauge }]", "catalog[0].kind: only for added metrics; vllm_queue_depth is built in")]
    [InlineData("catalog: [{ name: my_metric, series: x }]", "catalog[0].kind: is required for an added metric (gauge or counter)")]
    [InlineData("catalog: [{ name: My-Metric, series: x, kind: gauge }]", "catalog[0].name: must be lower case letters")]
    [InlineData("catalog: [{ name: vllm_queue_depth, rename: vllm_kv_cache_usage }]", "catalog[0].rename: vllm_kv_cache_usage is already a metric name")]
    [InlineData("scrape: { interval: 2s\n  timeout", "invalid YAML")]
    public void Invalid_files_are_refused_with_the_field_named(string yaml, string expected)
    {
        var e = Assert.Throws<ConfigException>(() => AdapterConfigParser.Parse(yaml));
        Assert.Contains(e.Errors, error => error.Contains(expected, StringComparison.Ordinal));
    }

    [Fact]
    public void Every_error_of_a_file_is_reported()
    {
        var e = Assert.Throws<ConfigException>(() => AdapterConfigParser.Parse("scrape: { interval: 100ms, concurrency: 0, bogus: 1 }"));
        Assert.Contains(e.Errors, error => error.StartsWith("scrape.interval:", StringComparison.Ordinal));
        Assert.Contains(e.Errors, error => error.StartsWith("scrape.timeout:", StringComparison.Ordinal));
        Assert.Contains(e.Errors, error => error.StartsWith("scrape.concurrency:", StringComparison.Ordinal));
        Assert.Contains(e.Errors, error => error.StartsWith("scrape.bogus:", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("1m30s", 90_000)]
    [InlineData("0.5s", 500)]
    [InlineData("1h", 3_600_000)]
    public void Durations_parse(string text, int ms)
    {
        Assert.True(GoDuration.TryParse(text, out var value));
        Assert.Equal(TimeSpan.FromMilliseconds(ms), value);
    }
}
