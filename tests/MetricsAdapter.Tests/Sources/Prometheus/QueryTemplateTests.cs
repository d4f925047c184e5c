using Autoscale.MetricsAdapter.Sources.Prometheus.Templates;

namespace Autoscale.MetricsAdapter.Tests.Sources.Prometheus;

public sealed class QueryTemplateTests
{
    private static readonly TemplateData Data = new()
    {
        Series = "s",
        LabelMatchers = "a=\"1\"",
        GroupBySlice = ["pod"],
        LabelValuesByName = new Dictionary<string, string> { ["pod"] = "x|y" },
    };

    [Theory]
    [InlineData("sum(<<.Series>>{<<.LabelMatchers>>}) by (<<.GroupBy>>)", "sum(s{a=\"1\"}) by (pod)")]
    [InlineData("x <<- .Series ->> y", "xsy")]
    [InlineData("a<</* comment */>>b", "ab")]
    [InlineData("<<index .LabelValuesByName \"missing\">>|", "|")]
    [InlineData("<< .Series >>", "s")]
    [InlineData("no actions", "no actions")]
    public void Executes_the_supported_subset(string template, string expected) =>
        Assert.Equal(expected, QueryTemplate.Parse(template, TemplateFields.MetricsQuery).Execute(Data));

    [Theory]
    [InlineData("<<.Resource>>", "offset 0")]
    [InlineData("x <<if .Series>>y<<end>>", "offset 2")]
    [InlineData("<<.Series | printf \"%s\">>", "offset 0")]
    [InlineData("<<index .GroupBySlice 0>>", "only index .LabelValuesByName")]
    [InlineData("<<.Series", "unclosed action")]
    [InlineData("<<.series>>", "unsupported action")]
    public void Rejects_what_it_does_not_run(string template, string message)
    {
        var error = Assert.Throws<FormatException>(() => QueryTemplate.Parse(template, TemplateFields.MetricsQuery));
        Assert.Contains(message, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Resource_templates_print_group_and_resource() =>
        Assert.Equal("kube_apps_deployment", QueryTemplate.Parse("kube_<<.Group>>_<<.Resource>>", TemplateFields.Resource)
            .Execute(new TemplateData { Group = "apps", Resource = "deployment" }));
}
