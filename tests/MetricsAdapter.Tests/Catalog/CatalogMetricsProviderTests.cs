using Autoscale.Kubernetes;
using Autoscale.MetricsAdapter.Catalog;
using Autoscale.MetricsAdapter.Store;
using Autoscale.MetricsAdapter.Tests.Support;
using Microsoft.Extensions.Time.Testing;
using Autoscale.MetricsAdapter.Sources.Definitions;

namespace Autoscale.MetricsAdapter.Tests.Catalog;

public sealed class CatalogMetricsProviderTests
{
    private static readonly CustomMetricInfo QueueOfPods = new(GroupResource.Pods, true, "vllm_queue_depth");
    private readonly FakeTimeProvider _time = new(TestFleet.Now);
    private readonly MetricStore _store = TestFleet.Create();

    private CatalogMetricsProvider Provider(ServingPolicy? policy = null) =>
        new(_store, () => MetricCatalog.BuiltIn, () => policy ?? ServingPolicy.Default, _time);

    [Fact]
    public void Pods_that_are_not_capacity_are_omitted_by_default()
    {
        using var list = Provider().GetMetricBySelector(TestFleet.Ns, LabelSelector.Parse("app=llama"), QueueOfPods, LabelSelector.Everything);

        Assert.Equal(["llama-0", "llama-1"], Names(list));
    }

    [Fact]
    public void Serving_not_ready_pods_is_a_switch()
    {
        using var list = Provider(ServingPolicy.Default with { NotReadyPods = NotReadyPodPolicy.Serve })
            .GetMetricBySelector(TestFleet.Ns, LabelSelector.Parse("app=llama"), QueueOfPods, LabelSelector.Everything);

        Assert.Equal(["llama-0", "llama-1", "llama-2"], Names(list));
    }

    [Fact]
    public void Not_ready_pods_can_be_reported_at_their_HPA_target()
    {
        _store.UpsertPod(new PodInfo(TestFleet.Ns, "llama-2", TestFleet.Labels(("app", "llama"), ("tier", "gpu")), PodState.NotReady,
            new Dictionary<string, double> { ["vllm_queue_depth"] = 5 }));

        using var list = Provider(ServingPolicy.Default with { NotReadyPods = NotReadyPodPolicy.AtTarget })
            .GetMetricBySelector(TestFleet.Ns, LabelSelector.Parse("app=llama"), QueueOfPods, LabelSelector.Everything);
        using var deployment = Provider(ServingPolicy.Default with { NotReadyPods = NotReadyPodPolicy.AtTarget })
            .GetMetricByName(new ObjectKey(TestFleet.Ns, "llama"), QueueOfPods with { Resource = GroupResource.Deployments }, LabelSelector.Everything);

        Assert.Equal(["llama-0", "llama-1", "llama-2"], Names(list));
        Assert.Equal(5, list.Items[2].Value);
        Assert.Equal(TestFleet.Now, list.Items[2].Timestamp);
        Assert.Equal(10.5, deployment.Items[0].Value); // object metrics stay sums of real capacity
    }

    [Fact]
    public void A_ready_pod_in_sleep_mode_is_not_capacity_but_its_flag_is_served()
    {
        var key = new ObjectKey(TestFleet.Ns, "llama-0");
        _store.Record(key, "pod",
        [
            new("vllm_queue_depth", TestFleet.Labels(), new Sample(0, TestFleet.SampleTime)),
            new(BuiltInDefinitions.EngineAsleep, TestFleet.Labels(), new Sample(1, TestFleet.SampleTime)),
        ]);

        using var queue = Provider().GetMetricBySelector(TestFleet.Ns, LabelSelector.Parse("app=llama"), QueueOfPods, LabelSelector.Everything);
        using var asleep = Provider().GetMetricByName(key, QueueOfPods with { Metric = BuiltInDefinitions.EngineAsleep }, LabelSelector.Everything);

        Assert.Equal(["llama-1"], Names(queue));
        Assert.Equal(1, asleep.Items[0].Value);
    }

    [Fact]
    public void Stale_series_are_omitted_never_zeroed()
    {
        // The samples are 1 s old now; at exactly StaleAfter old they are still served.
        _time.Advance(ServingPolicy.Default.StaleAfter - TimeSpan.FromSeconds(1));
        using (var fresh = Provider().GetMetricBySelector(TestFleet.Ns, LabelSelector.Everything, QueueOfPods, LabelSelector.Everything))
        {
            Assert.Equal(3, fresh.Count);
        }

        _time.Advance(TimeSpan.FromMilliseconds(1));
        var ex = Assert.Throws<ApiStatusException>(() => Provider().GetMetricBySelector(TestFleet.Ns, LabelSelector.Everything, QueueOfPods, LabelSelector.Everything));
        Assert.Equal(404, ex.Status.Code);
    }

    [Fact]
    public void NaN_and_infinite_samples_are_never_stored()
    {
        var key = new ObjectKey(TestFleet.Ns, "llama-0");
        _store.Record(key, "pod", [new("vllm_queue_depth", TestFleet.Labels(), new Sample(double.NaN, TestFleet.SampleTime)), new("vllm_running_requests", TestFleet.Labels(), new Sample(double.PositiveInfinity, TestFleet.SampleTime))]);

        var ex = Assert.Throws<ApiStatusException>(() => Provider().GetMetricByName(key, QueueOfPods, LabelSelector.Everything));
        Assert.Equal("the server could not find the metric vllm_queue_depth for pods llama-0", ex.Status.Message);
    }

    [Fact]
    public void Series_of_one_pod_combine_by_the_metric_aggregation()
    {
        var key = new ObjectKey(TestFleet.Ns, "llama-0");
        var t = TestFleet.SampleTime;
        _store.Record(key, "pod", [
            new("vllm_queue_depth", TestFleet.Labels(("model_name", "a"), ("engine", "0")), new Sample(2, t)),
            new("vllm_queue_depth", TestFleet.Labels(("model_name", "a"), ("engine", "1")), new Sample(5, t.AddSeconds(-1))),
            new("vllm_kv_cache_usage", TestFleet.Labels(("model_name", "a"), ("engine", "0")), new Sample(0.25, t)),
            new("vllm_kv_cache_usage", TestFleet.Labels(("model_name", "a"), ("engine", "1")), new Sample(0.75, t)),
        ]);
        var provider = Provider();

        using var queue = provider.GetMetricByName(key, QueueOfPods, LabelSelector.Everything);
        using var kv = provider.GetMetricByName(key, QueueOfPods with { Metric = "vllm_kv_cache_usage" }, LabelSelector.Everything);
        using var engine0 = provider.GetMetricByName(key, QueueOfPods, LabelSelector.Parse("engine=0"));

        Assert.Equal(7, queue.Items[0].Value);
        Assert.Equal(t.AddSeconds(-1), queue.Items[0].Timestamp);
        Assert.Equal(0.75, kv.Items[0].Value);
        Assert.Equal(2, engine0.Items[0].Value);
    }

    [Fact]
    public void Workloads_aggregate_their_ready_pods_by_selector()
    {
        var provider = Provider();
        var deployments = new CustomMetricInfo(GroupResource.Deployments, true, "vllm_kv_cache_usage");

        using var one = provider.GetMetricByName(new ObjectKey(TestFleet.Ns, "llama"), deployments, LabelSelector.Everything);
        using var all = provider.GetMetricBySelector(TestFleet.Ns, LabelSelector.Everything, deployments, LabelSelector.Everything);

        Assert.Equal((0.25 + 0.875) / 2, one.Items[0].Value, 9);
        Assert.Equal(["llama", "qwen"], Names(all));
    }

    [Fact]
    public void Rates_are_computed_on_read_from_the_last_two_samples()
    {
        using var list = Provider().GetMetricByName(new ObjectKey(TestFleet.Ns, "llama-1"), QueueOfPods with { Metric = "vllm_generation_tokens_per_second" }, LabelSelector.Everything);

        Assert.Equal(60, list.Items[0].Value);
        Assert.Equal(10, list.Items[0].WindowSeconds);
    }

    [Fact]
    public void A_counter_reset_counts_from_zero()
    {
        var key = new ObjectKey(TestFleet.Ns, "llama-0");
        var labels = TestFleet.Labels(("model_name", TestFleet.Llama));
        _store.Record(key, "pod", [new("vllm_generation_tokens_per_second", labels, new Sample(50, TestFleet.SampleTime.AddSeconds(0.5)))]);
        _time.Advance(TimeSpan.FromSeconds(0.5));

        using var list = Provider().GetMetricByName(key, QueueOfPods with { Metric = "vllm_generation_tokens_per_second" }, LabelSelector.Everything);

        Assert.Equal(100, list.Items[0].Value);
    }

    [Fact]
    public void Discovery_lists_every_metric_for_every_served_resource()
    {
        var all = Provider().ListAllMetrics();

        // Five resources per catalog metric, and the planner's desired replicas on Deployments and StatefulSets.
        Assert.Equal((MetricCatalog.BuiltIn.Definitions.Count * 5) + 2, all.Count);
        Assert.Contains(new CustomMetricInfo(GroupResource.Deployments, true, "autoscale_desired_replicas"), all);
        Assert.Contains(new CustomMetricInfo(GroupResource.Pods, true, "vllm_queue_depth"), all);
        Assert.Contains(new CustomMetricInfo(GroupResource.Namespaces, false, "gpu_utilization"), all);
        Assert.Contains(new CustomMetricInfo(GroupResource.StatefulSets, true, "vllm_kv_cache_usage"), all);
    }

    [Fact]
    public void External_metrics_are_one_item_per_model()
    {
        var items = Provider().GetExternalMetric(TestFleet.Ns, LabelSelector.Everything, new ExternalMetricInfo("vllm_queue_depth"));

        Assert.Equal(2, items.Count);
        Assert.Equal(10.5, items.Single(i => i.MetricLabels["model_name"] == "meta-llama_Llama-3.1-8B-Instruct").Value);
        Assert.Equal(2000, items.Single(i => i.MetricLabels["model_name"] == "Qwen_Qwen2.5-7B-Instruct").Value);
    }

    [Theory]
    [InlineData("meta-llama/Llama-3.1-8B-Instruct", "meta-llama_Llama-3.1-8B-Instruct")]
    [InlineData("plain", "plain")]
    [InlineData("/leading/and/trailing/", "leading_and_trailing")]
    [InlineData("", "")]
    public void Label_values_are_sanitised_to_selectable_values(string raw, string served)
    {
        var sanitised = MetricLabelValue.Sanitize(raw);

        Assert.Equal(served, sanitised);
        Assert.True(LabelSelector.TryParse($"model_name={sanitised}", out _, out var error) || sanitised.Length == 0, error);
    }

    [Fact]
    public void Long_label_values_are_cut_to_63_characters()
    {
        var sanitised = MetricLabelValue.Sanitize("org/" + new string('x', 100));

        Assert.Equal(63, sanitised.Length);
        Assert.True(LabelSelector.TryParse($"m={sanitised}", out _, out _));
    }

    private static string[] Names(MetricValueList list)
    {
        var names = new string[list.Count];
        for (var i = 0; i < list.Count; i++)
        {
            names[i] = list.Items[i].DescribedObject.Name;
        }

        return names;
    }
}
