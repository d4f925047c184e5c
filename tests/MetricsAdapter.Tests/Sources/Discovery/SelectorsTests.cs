using Autoscale.MetricsAdapter.Sources.Discovery;
using k8s.Models;

namespace Autoscale.MetricsAdapter.Tests.Sources.Discovery;

public sealed class SelectorsTests
{
    [Fact]
    public void Match_labels_and_expressions_become_one_selector()
    {
        var selector = Selectors.From(new V1LabelSelector
        {
            MatchLabels = new Dictionary<string, string> { ["app"] = "vllm" },
            MatchExpressions =
            [
                new V1LabelSelectorRequirement { Key = "tier", OperatorProperty = "In", Values = ["a", "b"] },
                new V1LabelSelectorRequirement { Key = "canary", OperatorProperty = "DoesNotExist" },
            ],
        });

        Assert.NotNull(selector);
        Assert.True(selector.Matches(new Dictionary<string, string> { ["app"] = "vllm", ["tier"] = "b" }));
        Assert.False(selector.Matches(new Dictionary<string, string> { ["app"] = "vllm", ["tier"] = "b", ["canary"] = "1" }));
        Assert.False(selector.Matches(new Dictionary<string, string> { ["app"] = "vllm", ["tier"] = "c" }));
    }

    [Fact]
    public void Nil_selects_nothing_empty_selects_everything_and_a_bad_operator_is_rejected()
    {
        Assert.Null(Selectors.From((V1LabelSelector?)null));
        Assert.True(Selectors.From(new V1LabelSelector())!.IsEmpty);
        Assert.Null(Selectors.From(new V1LabelSelector { MatchExpressions = [new V1LabelSelectorRequirement { Key = "k", OperatorProperty = "Near" }] }));
        Assert.Null(Selectors.From((IDictionary<string, string>?)new Dictionary<string, string>())); // a Service without selector
    }
}
