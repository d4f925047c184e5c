using Autoscale.MetricsAdapter.Sources.Prometheus.Rules;

namespace Autoscale.MetricsAdapter.Tests.Sources.Prometheus;

public sealed class AdapterRulesParserTests
{
    [Fact]
    public void Parses_a_whole_prometheus_adapter_config()
    {
        var config = AdapterRulesParser.Parse(RuleRegistryTests.DefaultConfig + "\nexternalRules:\n- seriesQuery: 'x'\n");
        Assert.Equal(6, config.Rules.Count);
        Assert.Equal(2, config.Rules[0].Line);
        Assert.Contains("externalRules are not served", Assert.Single(config.Warnings), StringComparison.Ordinal);
    }

    [Fact]
    public void Empty_text_means_no_rules() => Assert.Empty(AdapterRulesParser.Parse("  ").Rules);

    [Fact]
    public void Other_root_keys_belong_to_the_caller() =>
        Assert.Single(AdapterRulesParser.Parse("url: http://prometheus:9090\nrules:\n- seriesQuery: up\n").Rules);

    [Theory]
    [InlineData("rules:\n- seriesQuery: up\n  metricQuery: x\n", "line 3: unknown field \"metricQuery\"")]
    [InlineData("rules:\n- metricsQuery: x\n", "line 2: rule needs a seriesQuery")]
    [InlineData("rules:\n- seriesQuery: up\n  seriesFilters: [{is: a, isNot: b}]\n", "exactly one of is and isNot")]
    [InlineData("rules:\n- seriesQuery: up\n  name: {matches: '(a)(b)'}\n", "must specify an 'as' value")]
    [InlineData("rules:\n- seriesQuery: up\n  metricsQuery: '<<.Nope>>'\n", "line 2: template: unsupported action <<.Nope>>")]
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
            AdapterRulesParser.Parse("rules:\n- seriesQuery: up\n").Rules[0].MetricsQuery.Text);
}
