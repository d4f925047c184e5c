using Autoscale.MetricsAdapter.Sources.Targets;
using Autoscale.MetricsAdapter.Sources.Definitions;

namespace Autoscale.MetricsAdapter.Tests.Sources.Targets;

public sealed class TargetResolverTests
{
    [Fact]
    public void A_selector_that_does_not_parse_selects_nothing_instead_of_throwing()
    {
        var options = new TargetWatchOptions { FollowHpas = false, ExtraSelectors = [new ScrapeSelector(null, "a in (b"), new ScrapeSelector("batch", "app=batch-llm")] };

        var resolver = new TargetResolver(options, MetricCatalog.BuiltIn);
        var view = new TargetWatchView([Kube.Pod("batch", "b1", new Dictionary<string, string> { ["app"] = "batch-llm" }, ip: "10.0.1.1"), Kube.Pod("x", "a", new Dictionary<string, string> { ["a"] = "b" }, ip: "10.0.1.2")], [], [], [], [], []);

        Assert.Equal(["b1"], resolver.Resolve(view).Select(t => t.Pod.Name));
    }
}
