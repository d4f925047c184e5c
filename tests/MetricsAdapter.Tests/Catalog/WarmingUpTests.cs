using Autoscale.Kubernetes;
using Autoscale.MetricsAdapter.Catalog;
using Autoscale.MetricsAdapter.Store;
using Autoscale.MetricsAdapter.Sources.Definitions;
using Autoscale.MetricsAdapter.Tests.Support;
using Microsoft.Extensions.Time.Testing;

namespace Autoscale.MetricsAdapter.Tests.Catalog;

/// <summary>Issue #13 item 8: a quantile still warming up answers NotFound with a Status that says so.</summary>
public sealed class WarmingUpTests
{
    private static readonly CustomMetricInfo TtftP95 = new(GroupResource.Pods, true, "vllm_time_to_first_token_p95_seconds");
    private static readonly CustomMetricInfo Queue = new(GroupResource.Pods, true, "vllm_queue_depth");
    private readonly FakeTimeProvider _time = new(TestFleet.Now);
    private readonly MetricStore _store = TestFleet.Create();

    private CatalogMetricsProvider Provider() => new(_store, () => MetricCatalog.BuiltIn, () => ServingPolicy.Default, _time);

    [Fact]
    public void Ttft_p95_with_ready_pods_but_no_finished_prefill_yet_says_it_is_warming_up()
    {
        var ex = Assert.Throws<ApiStatusException>(() => Provider().GetMetricBySelector(TestFleet.Ns, LabelSelector.Parse("app=llama"), TtftP95, LabelSelector.Everything));

        Assert.Equal(404, ex.Status.Code);
        Assert.Equal("NotFound", ex.Status.Reason);
        Assert.Equal(
            "the server could not find the metric vllm_time_to_first_token_p95_seconds for pods * with selector app=llama: still warming up: "
            + "the p95 needs requests that finished prefill within the last histogram window, and none of the 2 selected Ready pod(s) has had one yet",
            ex.Status.Message);
    }

    [Theory]
    [InlineData("app=nobody")] // no pod selected: nothing is warming up, the metric is just not there
    [InlineData("app=llama,tier=none")]
    public void Without_ready_pods_the_upstream_message_stays_as_it_is(string selector)
    {
        var ex = Assert.Throws<ApiStatusException>(() => Provider().GetMetricBySelector(TestFleet.Ns, LabelSelector.Parse(selector), TtftP95, LabelSelector.Everything));

        Assert.Equal($"the server could not find the metric vllm_time_to_first_token_p95_seconds for pods * with selector {selector}", ex.Status.Message);
    }

    [Fact]
    public void A_plain_gauge_with_no_value_is_not_called_warming_up()
    {
        _store.ReplaceInventory([new PodInfo(TestFleet.Ns, "other-0", TestFleet.Labels(("app", "other")), PodState.Ready)], []);

        var ex = Assert.Throws<ApiStatusException>(() => Provider().GetMetricBySelector(TestFleet.Ns, LabelSelector.Parse("app=other"), Queue, LabelSelector.Everything));

        Assert.DoesNotContain("warming", ex.Status.Message, StringComparison.Ordinal);
    }
}
