using Autoscale.MetricsAdapter.Sources.Prometheus.Rules;

namespace Autoscale.MetricsAdapter.Tests.Sources.Prometheus;

public sealed class AdapterRulesParserTests
{
    private const string Served = "- seriesQuery: up\n  resources: {template: '<<.Resource>>'}\n";

    [Fact]
    public void Parses_a_whole_prometheus_adapter_config()
    {
        var config = AdapterRulesParser.Parse(RuleRegistryTests.DefaultConfig + "\nexternalRules:\n- seriesQuery: 'x'\nresourceRules:\n  cpu: {}\n");
        Assert.Equal(6, config.Rules.Count);
        Assert.Equal(2, config.Rules[0].Line);
        Assert.Equal(("externalRules", 0), (Assert.Single(config.ExternalRules).Section, config.ExternalRules[0].Index));
        var refusal = Assert.Single(config.Refusals);
        Assert.StartsWith("resourceRules (line 31): resource metrics (metrics.k8s.io", refusal.ToString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("rules:\n- seriesQuery: up\n  resources: {template: '<<.Resource>>'}\n  metricsQuery: '<<if .Series>>x<<end>>'\n" + Served,
        "rules[0] (line 2): metricsQuery template: unsupported action <<if .Series>>")]
    [InlineData("rules:\n- seriesQuery: up\n  resources: {overrides: {pod: {resource: pod}}}\n" + Served,
        "rules[0] (line 2): no label maps to namespaces")]
    [InlineData("rules:\n- seriesQuery: up\n  name: {as: x}\n" + Served,
        "rules[0] (line 2): resources names no override and no template")]
    public void Rules_that_cannot_be_served_are_refused_with_index_and_reason(string yaml, string refusal)
    {
        var config = AdapterRulesParser.Parse(yaml);
        Assert.StartsWith(refusal, Assert.Single(config.Refusals).ToString(), StringComparison.Ordinal);
        Assert.Single(config.Rules);
    }

    [Fact]
    public void Empty_text_means_no_rules() => Assert.Empty(AdapterRulesParser.Parse("  ").Rules);

    [Fact]
    public void Other_root_keys_belong_to_the_caller() =>
        Assert.Single(AdapterRulesParser.Parse("url: http://prometheus:9090\nrules:\n" + Served).Rules);

    [Theory]
    [InlineData("rules:\n- seriesQuery: up\n  metricQuery: x\n", "line 3: unknown field \"metricQuery\"")]
    [InlineData("rules:\n- metricsQuery: x\n", "line 2: rule needs a seriesQuery")]
    [InlineData("rules:\n- seriesQuery: up\n  seriesFilters: [{is: a, isNot: b}]\n", "exactly one of is and isNot")]
    [InlineData("rules:\n- seriesQuery: up\n  name: {matches: '(a)(b)'}\n", "must specify an 'as' value")]
    [InlineData("rules:\n- seriesQuery: up\n  seriesFilters: [{is: '(['}]\n", "invalid regular expression")]
    [InlineData("rules: [", "line ")]
    public void Errors_name_the_line(string yaml, string message)
    {
        var error = Assert.Throws<FormatException>(() => AdapterRulesParser.Parse(yaml));
        Assert.Contains(message, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Missing_metrics_query_uses_the_plain_sum() =>
        Assert.Equal("sum(<<.Series>>{<<.LabelMatchers>>}) by (<<.GroupBy>>)",
            AdapterRulesParser.Parse("rules:\n" + Served).Rules[0].MetricsQuery.Text);
}
