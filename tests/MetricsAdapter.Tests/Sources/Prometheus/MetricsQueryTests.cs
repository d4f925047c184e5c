using Autoscale.Kubernetes;
using Autoscale.MetricsAdapter.Sources.Prometheus.Templates;

namespace Autoscale.MetricsAdapter.Tests.Sources.Prometheus;

/// <summary>prometheus-adapter's pkg/naming/metrics_query_test.go vectors (label for a resource = its Resource name).</summary>
public sealed class MetricsQueryTests
{
    private static MetricsQuery Query(string template, bool namespaced = true) =>
        new(QueryTemplate.Parse(template, TemplateFields.MetricsQuery), r => r.Resource, namespaced);

    private static string Build(string template, string ns, string selector, params string[] names) =>
        Query(template).Build("foo", new GroupResource("", "resource"), ns, [], LabelSelector.Parse(selector), names).Value!;

    [Fact]
    public void Series_is_printed() =>
        Assert.Equal("series foo", Build("series <<.Series>>", "", "", "bar"));

    [Fact]
    public void Several_names_become_one_regex_matcher() =>
        Assert.Equal("resource=~\"bar|baz\"", Build("<<.LabelMatchers>>", "", "", "bar", "baz"));

    [Fact]
    public void One_name_is_an_equality_matcher() =>
        Assert.Equal("resource=\"bar\"", Build("<<.LabelMatchers>>", "", "", "bar"));

    [Fact]
    public void Metric_selector_matchers_come_first() =>
        Assert.Equal("metric1=\"value1\",resource=\"bar\"", Build("<<.LabelMatchers>>", "", "metric1=value1", "bar"));

    [Fact]
    public void Index_reads_values_by_label() =>
        Assert.Equal("default bar|baz", Build("<<index .LabelValuesByName \"namespaces\">> <<index .LabelValuesByName \"resource\">>", "default", "", "bar", "baz"));

    [Fact]
    public void GroupBy_and_GroupBySlice_print_as_Go_does()
    {
        var query = Query("<<.GroupBy>> | <<.GroupBySlice>>");
        var built = query.Build("foo", new GroupResource("", "resource"), "", ["extra", "groups"], LabelSelector.Everything, ["bar"]).Value;
        Assert.Equal("resource,extra,groups | [resource extra groups]", built);
    }

    [Theory]
    [InlineData("<<.LabelMatchers>>", "default", "foo=bar", true, new string[0], "foo=\"bar\",namespaces=\"default\"")]
    [InlineData("<<.LabelMatchers>>", "", "foo=bar,qux in (bar, baz)", true, new string[0], "foo=\"bar\",qux=~\"bar|baz\"")]
    [InlineData("<<index .LabelValuesByName \"namespaces\">> <<.GroupBySlice>>", "default", "", false, new[] { "foo", "bar" }, " [foo bar]")]
    [InlineData("<<.LabelValuesByName>>", "", "foo in (bar,baz)", true, new string[0], "map[foo:bar|baz]")]
    public void External_queries(string template, string ns, string selector, bool namespaced, string[] groupBy, string expected) =>
        Assert.Equal(expected, Query(template, namespaced).BuildExternal("foo", ns, groupBy, LabelSelector.Parse(selector)).Value);

    [Theory]
    [InlineData("a=b", "a=\"b\"")]
    [InlineData("a==b", "a=\"b\"")]
    [InlineData("a!=b", "a!=\"b\"")]
    [InlineData("a in (x,y)", "a=~\"x|y\"")]
    [InlineData("a notin (x,y)", "a!~\"x|y\"")]
    [InlineData("a", "a!=\"\"")]
    [InlineData("!a", "a=\"\"")]
    [InlineData("b=2,a in (z)", "a=~\"z\",b=\"2\"")]
    public void Metric_selectors_become_PromQL_matchers(string selector, string expected) =>
        Assert.Equal(expected + ",resource=\"p\"", Build("<<.LabelMatchers>>", "", selector, "p"));

    [Theory]
    [InlineData("a>5")]
    [InlineData("a<5")]
    public void Greater_and_less_than_are_refused(string selector)
    {
        var result = Query("<<.LabelMatchers>>").Build("foo", GroupResource.Pods, "ns", [], LabelSelector.Parse(selector), ["p"]);
        Assert.False(result.IsSuccess);
        Assert.StartsWith("operator not supported by prometheus", result.Error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Values_are_Go_quoted() =>
        Assert.Equal("resource=\"a\\\"b\\\\c\\n\"", Build("<<.LabelMatchers>>", "", "", "a\"b\\c\n"));

    [Fact]
    public void No_names_selects_every_object_with_the_label() =>
        Assert.Equal("namespaces=\"ns\",resource!=\"\" .+", Build("<<.LabelMatchers>> <<index .LabelValuesByName \"resource\">>", "ns", ""));
}
