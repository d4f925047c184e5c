using Autoscale.MetricsAdapter.Sources.Targets;

namespace Autoscale.MetricsAdapter.Tests.Sources.Targets;

public sealed class SelectorsTests
{
    [Fact]
    public void A_service_without_selector_selects_no_pods_and_one_with_selects_by_equality()
    {
        Assert.Null(Selectors.From(null));
        Assert.Null(Selectors.From(new Dictionary<string, string>()));
        var selector = Selectors.From(new Dictionary<string, string> { ["app"] = "vllm" });
        Assert.NotNull(selector);
        Assert.True(selector.Matches(new Dictionary<string, string> { ["app"] = "vllm", ["tier"] = "b" }));
        Assert.False(selector.Matches(new Dictionary<string, string> { ["app"] = "other" }));
    }
}
