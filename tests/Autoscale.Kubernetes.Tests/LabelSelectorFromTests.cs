using k8s.Models;

namespace Autoscale.Kubernetes.Tests;

/// <summary>A workload's or HPA target's <c>metav1.LabelSelector</c>, read once for both programs.</summary>
public sealed class LabelSelectorFromTests
{
    private static readonly V1LabelSelector Qwen = new()
    {
        MatchLabels = new Dictionary<string, string> { ["app"] = "qwen" },
        MatchExpressions =
        [
            new V1LabelSelectorRequirement { Key = "tier", OperatorProperty = "In", Values = ["b", "a"] },
            new V1LabelSelectorRequirement { Key = "canary", OperatorProperty = "DoesNotExist" },
        ],
    };

    [Fact]
    public void Match_labels_and_expressions_become_one_selector()
    {
        var selector = LabelSelector.From(Qwen);

        Assert.NotNull(selector);
        Assert.True(selector.Matches(new Dictionary<string, string> { ["app"] = "qwen", ["tier"] = "b" }));
        Assert.False(selector.Matches(new Dictionary<string, string> { ["app"] = "qwen", ["tier"] = "b", ["canary"] = "1" }));
        Assert.False(selector.Matches(new Dictionary<string, string> { ["app"] = "qwen", ["tier"] = "c" }));
    }

    [Fact]
    public void Its_text_is_the_canonical_one_upstream_writes()
    {
        Assert.Equal("app=qwen,!canary,tier in (a,b)", LabelSelector.From(Qwen)!.ToString());
        Assert.Equal("app=qwen,tier notin (x)", LabelSelector.From(new V1LabelSelector
        {
            MatchLabels = new Dictionary<string, string> { ["app"] = "qwen" },
            MatchExpressions = [new V1LabelSelectorRequirement { Key = "tier", OperatorProperty = "NotIn", Values = ["x"] }],
        })!.ToString());
    }

    [Fact]
    public void Nil_selects_nothing_empty_selects_everything()
    {
        Assert.Null(LabelSelector.From(null));
        Assert.True(LabelSelector.From(new V1LabelSelector())!.IsEmpty);
    }

    [Theory]
    [InlineData("Near", "k", "v")]
    [InlineData("In", "bad key!", "v")]
    [InlineData("In", "k", "bad value!")]
    public void What_cannot_be_honoured_selects_nothing_rather_than_more(string op, string key, string value) =>
        Assert.Null(LabelSelector.From(new V1LabelSelector { MatchExpressions = [new V1LabelSelectorRequirement { Key = key, OperatorProperty = op, Values = [value] }] }));
}
