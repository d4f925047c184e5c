using Autoscale.MetricsAdapter.Config;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using Prometheus;

namespace Autoscale.MetricsAdapter.Tests.Config;

/// <summary>Issue #12 findings 4–6: edits that used to kill the process are refused, naming the field.</summary>
public sealed class ConfigRefusalTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("adapter-refusal-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Theory]
    [InlineData("scrape: { interval: 99999999999999999999h }", "scrape.interval:")]
    [InlineData("scrape: { interval: 2s, staleAfter: 999999999h }", "scrape.staleAfter:")]
    [InlineData("scrape: { latencyWindow: 1e308s }", "scrape.latencyWindow:")]
    [InlineData("scrape: { interval: 10000000h, timeout: 1s }", "scrape.interval:")]
    public void A_huge_duration_is_refused_naming_the_field(string yaml, string field)
    {
        var e = Assert.Throws<ConfigException>(() => AdapterConfigParser.Parse(yaml));
        Assert.Contains(e.Errors, error => error.StartsWith(field, StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("discovery: { pods: [{ labelSelector: 'a in (b' }] }", "discovery.pods[0].labelSelector:")]
    [InlineData("discovery: { pods: [{ labelSelector: 'app=vllm' }, { labelSelector: '!!' }] }", "discovery.pods[1].labelSelector:")]
    [InlineData("discovery: { dcgm: { labelSelector: 'app=' } }", "")]
    [InlineData("discovery: { dcgm: { labelSelector: 'app in (a' } }", "discovery.dcgm.labelSelector:")]
    [InlineData("discovery: { pods: [{ namespace: 'Not_A_Namespace', labelSelector: app=vllm }] }", "discovery.pods[0].namespace:")]
    public void A_bad_selector_or_namespace_is_refused_at_load(string yaml, string field)
    {
        if (field.Length == 0)
        {
            // "app=" is a valid selector (the value may be empty): it must be accepted.
            Assert.Equal("app=", AdapterConfigParser.Parse(yaml).Discovery.Dcgm?.LabelSelector);
            return;
        }

        var e = Assert.Throws<ConfigException>(() => AdapterConfigParser.Parse(yaml));
        Assert.Contains(e.Errors, error => error.StartsWith(field, StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("serving: { desiredReplicasMaxAge: 29s }", "serving.desiredReplicasMaxAge: must be between 30s and 1h, got 29s")]
    [InlineData("serving: { desiredReplicasMaxAge: 2h }", "serving.desiredReplicasMaxAge: must be between 30s and 1h, got 2h")]
    [InlineData("serving: { desiredReplicasMaxAge: soon }", "serving.desiredReplicasMaxAge:")]
    [InlineData("serving: { desiredReplicasMaxAge: 90s, maxAge: 1s }", "serving.maxAge:")]
    public void A_bad_desired_replicas_max_age_is_refused_naming_the_field(string yaml, string error)
    {
        var e = Assert.Throws<ConfigException>(() => AdapterConfigParser.Parse(yaml));
        Assert.Contains(e.Errors, line => line.StartsWith(error, StringComparison.Ordinal));
    }

    [Fact]
    public void A_derived_metric_takes_no_extra_series_but_can_be_renamed_or_disabled()
    {
        var e = Assert.Throws<ConfigException>(() => AdapterConfigParser.Parse("catalog: [{ name: vllm_arrival_requests_per_second, series: [my_requests_total] }]"));
        Assert.Contains(e.Errors, line => line.StartsWith("catalog[0].series: not for vllm_arrival_requests_per_second", StringComparison.Ordinal));

        var renamed = AdapterConfigParser.Parse("catalog: [{ name: vllm_time_to_first_token_seconds, rename: ttft_mean_seconds }, { name: vllm_waiting_prompt_tokens, enabled: false }]");
        Assert.True(renamed.Catalog.TryGet("ttft_mean_seconds", out var ttft));
        Assert.NotNull(ttft.Formula);
        Assert.False(renamed.Catalog.TryGet("vllm_waiting_prompt_tokens", out _));
    }

    [Fact]
    public void The_desired_replicas_max_age_is_read()
    {
        Assert.Equal(TimeSpan.FromMinutes(5), AdapterConfigParser.Parse("serving: { desiredReplicasMaxAge: 5m }").Serving.DesiredReplicasMaxAge);
    }

    [Fact]
    public void Deep_nesting_is_refused_not_a_stack_overflow()
    {
        var e = Assert.Throws<ConfigException>(() => AdapterConfigParser.Parse("catalog: " + new string('[', 100_000)));
        Assert.Contains(e.Errors, error => error.StartsWith("catalog[0][0]", StringComparison.Ordinal) && error.Contains("levels deep", StringComparison.Ordinal));
    }

    [Fact]
    public void A_live_reload_of_each_killer_edit_keeps_the_last_good_config()
    {
        var path = Path.Combine(_dir, "config.yaml");
        File.WriteAllText(path, "scrape: { interval: 3s }\n");
        var source = ConfigFileWatcher.LoadInitial(path, Metrics.NewCustomRegistry());
        var watcher = new ConfigFileWatcher(path, source, new FakeTimeProvider(), NullLogger<ConfigFileWatcher>.Instance);
        string[] edits =
        [
            "scrape: { interval: 99999999999999999999h }\n",
            "discovery: { pods: [{ labelSelector: 'a in (b' }] }\n",
            "scrape: " + new string('[', 100_000) + "\n",
        ];
        foreach (var edit in edits)
        {
            File.WriteAllText(path, edit);
            watcher.Poll();
            Assert.False(source.IsValid);
            Assert.Matches(@"^(scrape|discovery)\.?[\w\[\]\.]*: ", source.LastError);
            Assert.Equal(TimeSpan.FromSeconds(3), source.Current.Scrape.Interval);
        }
    }

    [Fact]
    public void A_failure_inside_the_prometheus_sections_reader_is_a_refusal_naming_the_section()
    {
        // Its interval overflowed TimeSpan in the section's own reader (found by the config fuzz test); the section now
        // reads durations as the rest of the file does, so the refusal names the field too.
        var source = new CurrentAdapterConfig(AdapterConfig.Default, Metrics.NewCustomRegistry());
        Assert.False(source.TryApply("prometheus: { url: 'http://127.0.0.1:9090', interval: 99999999999999999999h }\n", out var error));
        Assert.StartsWith("prometheus.interval: ", error, StringComparison.Ordinal);
        Assert.Same(AdapterConfig.Default, source.Current);
    }

    [Fact]
    public void A_catalog_series_that_is_not_a_metric_name_is_refused_naming_it()
    {
        // The exposition parser's family table threw ArgumentException on it (found by the config fuzz test).
        var e = Assert.Throws<ConfigException>(() => AdapterConfigParser.Parse("catalog: [{ name: my_metric, series: [ok_series, '&a'], kind: gauge }]"));
        Assert.Equal(["catalog[0].series[1]: must be a Prometheus metric name, got '&a'"], e.Errors);
    }

    [Fact]
    public void An_empty_path_is_named_root()
    {
        var e = Assert.Throws<ConfigException>(() => AdapterConfigParser.Parse("9223372036854775808"));
        Assert.Equal(["(root): expected a mapping, got \"9223372036854775808\""], e.Errors);
    }
}
