using Autoscale.Kubernetes;
using Autoscale.MetricsAdapter.Sources.Router;
using Autoscale.MetricsAdapter.Store;

namespace Autoscale.MetricsAdapter.Tests.Sources.Router;

/// <summary>Several routers mapping one model to one target: their values add up, and a sum with a part missing is not served.</summary>
public sealed class RouterServiceTests
{
    private static readonly DateTimeOffset T = new(2026, 12, 7, 6, 0, 0, TimeSpan.Zero);
    private static readonly ObjectReference Llama = new("Deployment", "llm", "llama", "apps/v1");
    private static readonly ObjectReference Qwen = new("Deployment", "llm", "qwen", "apps/v1");

    [Fact]
    public void Values_for_one_target_and_metric_add_up_stamped_with_the_oldest()
    {
        var combined = RouterService.Combine(
        [
            Value("a", Llama, RouterSeries.PendingRequests, 3, T),
            Value("b", Llama, RouterSeries.PendingRequests, 4, T.AddSeconds(-1)),
            Value("a", Llama, RouterSeries.RequestsPerSecond, 2, T),
            Value("a", Qwen, RouterSeries.PendingRequests, 1, T),
        ]);

        var pending = Assert.Single(combined, v => v.Object == Llama && v.Metric == RouterSeries.PendingRequests);
        Assert.Equal(new Sample(7, T.AddSeconds(-1)), pending.Sample);
        Assert.Equal("router a + router b", pending.Source);
        Assert.Equal(3, combined.Count);
        Assert.Equal(new Sample(1, T), Assert.Single(combined, v => v.Object == Qwen).Sample);
    }

    [Fact]
    public void A_sum_with_a_part_missing_says_which_part()
    {
        var combined = RouterService.Combine(
        [
            Value("a", Llama, RouterSeries.PendingRequests, 3, T),
            new ObjectValue(GroupResource.Deployments, Llama, RouterSeries.PendingRequests, null, "router b", "is failing: http: HTTP 503 (5 failed scrapes in a row)"),
        ]);

        var pending = Assert.Single(combined);
        Assert.Null(pending.Sample);
        Assert.Equal("router a + router b", pending.Source);
        Assert.Equal("(summed; router b is failing: http: HTTP 503 (5 failed scrapes in a row))", pending.Missing);
    }

    private static ObjectValue Value(string router, ObjectReference target, string metric, double value, DateTimeOffset at) =>
        new(GroupResource.Deployments, target, metric, new Sample(value, at), $"router {router}", null);
}
