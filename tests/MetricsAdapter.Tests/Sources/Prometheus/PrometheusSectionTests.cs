using Autoscale.MetricsAdapter.Config;
using Autoscale.MetricsAdapter.Sources.Prometheus;

namespace Autoscale.MetricsAdapter.Tests.Sources.Prometheus;

/// <summary>The config file's <c>prometheus:</c> section: rules, external rules, refusals and the relist interval reach the source.</summary>
public sealed class PrometheusSectionTests
{
    [Fact]
    public void Rules_external_rules_and_refusals_reach_the_options()
    {
        var options = PrometheusSection.Parse("""
            url: http://prometheus:9090
            relistInterval: 5m
            rules:
            - seriesQuery: 'up'
              resources: {template: '<<.Resource>>'}
            externalRules:
            - seriesQuery: 'queue_depth'
              resources: {namespaced: false}
            resourceRules:
              cpu: {containerQuery: x}
            """);
        Assert.Equal(TimeSpan.FromMinutes(5), options.RelistInterval);
        Assert.Single(options.Rules);
        Assert.False(Assert.Single(options.ExternalRules).Resources.Namespaced);
        Assert.Equal("resourceRules", Assert.Single(options.Refusals).Section);
    }

    [Fact]
    public void The_relist_interval_defaults_to_a_minute_and_is_validated()
    {
        Assert.Equal(TimeSpan.FromMinutes(1), PrometheusSection.Parse("url: http://prometheus:9090\n").RelistInterval);
        var error = Assert.Throws<ConfigException>(() => PrometheusSection.Parse("url: http://prometheus:9090\nrelistInterval: soon\n"));
        Assert.Contains("prometheus.relistInterval", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Durations_read_as_everywhere_else_in_the_config_file()
    {
        // Before, this section had its own reader that refused 1m30s while scrape.interval accepted it.
        var options = PrometheusSection.Parse("url: http://prometheus:9090\ninterval: 1m30s\ntimeout: 500ms\n");
        Assert.Equal(TimeSpan.FromSeconds(90), options.Interval);
        Assert.Equal(TimeSpan.FromMilliseconds(500), options.Timeout);
    }
}
