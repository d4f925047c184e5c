using Autoscale.Kubernetes;
using Autoscale.MetricsAdapter.Api;
using Autoscale.MetricsAdapter.Catalog;
using Autoscale.MetricsAdapter.Catalog.Rules;
using Autoscale.MetricsAdapter.Store;
using Microsoft.Extensions.Time.Testing;
using Autoscale.MetricsAdapter.Sources.Definitions;
using Autoscale.MetricsAdapter.Sources.Prometheus;

namespace Autoscale.MetricsAdapter.Tests.Catalog.Rules;

/// <summary>How rule answers become replies (the semantics prometheus-adapter's providers have, and where Autoscale differs).</summary>
public sealed class RuleValuesReaderTests
{
    private static readonly DateTimeOffset Now = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);
    private static readonly CustomMetricInfo QueueOfPods = new(GroupResource.Pods, true, "queue");
    private static readonly CustomMetricInfo QueueOfJobs = new(new GroupResource("batch", "jobs"), true, "queue");
    private readonly FakeTimeProvider _time = new(Now);
    private readonly MetricStore _store = new();
    private readonly FakeRuleValues _rules = new();

    public RuleValuesReaderTests()
    {
        _rules.Labels[("queue", GroupResource.Pods)] = "pod";
        _rules.Labels[("queue", new GroupResource("batch", "jobs"))] = "job";
        _store.ReplaceInventory(
        [
            new PodInfo("llm", "a", new Dictionary<string, string> { ["app"] = "x" }, PodState.Ready),
            new PodInfo("llm", "b", new Dictionary<string, string> { ["app"] = "x" }, PodState.NotReady),
        ], []);
        _store.MarkInventorySynced();
    }

    private CatalogMetricsProvider Provider => new(_store, () => MetricCatalog.BuiltIn, () => new ServingPolicy(TimeSpan.FromSeconds(10)), _time, () => _rules);

    [Fact]
    public void An_object_is_the_last_result_series_naming_it_with_the_evaluation_time()
    {
        Answer(QueueOfPods, "llm", Now.AddSeconds(-2), ("a", 1), ("a", 4), ("c", 9));
        using var list = Provider.GetMetricByName(new ObjectKey("llm", "a"), QueueOfPods, LabelSelector.Everything);
        var item = Assert.Single(list.Items.ToArray());
        Assert.Equal(4, item.Value);
        Assert.Equal(Now.AddSeconds(-2), item.Timestamp);
        Assert.Equal(("Pod", "llm", "a", "/v1"), (item.DescribedObject.Kind, item.DescribedObject.Namespace, item.DescribedObject.Name, item.DescribedObject.ApiVersion));
    }

    [Fact]
    public void NaN_is_left_out_not_served_as_zero()
    {
        Answer(QueueOfPods, "llm", Now, ("a", double.NaN));
        var error = Assert.Throws<ApiStatusException>(() => Provider.GetMetricByName(new ObjectKey("llm", "a"), QueueOfPods, LabelSelector.Everything));
        Assert.Equal(404, error.Status.Code);
    }

    [Fact]
    public void A_pod_known_to_be_loading_is_omitted_and_an_unknown_pod_is_served()
    {
        Answer(QueueOfPods, "llm", Now, ("a", 1), ("b", 2), ("c", 3));
        using var list = Provider.GetMetricBySelector("llm", LabelSelector.Everything, QueueOfPods, LabelSelector.Everything);
        Assert.Equal(["a", "c"], list.Items.ToArray().Select(i => i.DescribedObject.Name));
    }

    [Fact]
    public void A_pod_selector_picks_among_the_pods_discovery_watches()
    {
        Answer(QueueOfPods, "llm", Now, ("a", 1), ("c", 3));
        using var list = Provider.GetMetricBySelector("llm", LabelSelector.Parse("app=x"), QueueOfPods, LabelSelector.Everything);
        Assert.Equal(["a"], list.Items.ToArray().Select(i => i.DescribedObject.Name));
    }

    [Fact]
    public void Other_resources_are_named_by_kind_and_group_and_refuse_a_label_selector()
    {
        Answer(QueueOfJobs, "llm", Now, ("train", 5));
        using (var list = Provider.GetMetricByName(new ObjectKey("llm", "train"), QueueOfJobs, LabelSelector.Everything))
        {
            Assert.Equal(("Job", "batch/v1", 5.0), (list.Items[0].DescribedObject.Kind, list.Items[0].DescribedObject.ApiVersion, list.Items[0].Value));
        }

        var error = Assert.Throws<ApiStatusException>(() => Provider.GetMetricBySelector("llm", LabelSelector.Parse("app=x"), QueueOfJobs, LabelSelector.Everything));
        Assert.Equal(400, error.Status.Code);
    }

    [Fact]
    public void A_failing_Prometheus_is_named_once_the_last_values_are_stale()
    {
        Answer(QueueOfPods, "llm", Now, ("a", 1));
        var key = RuleValuesReader.KeyFor(QueueOfPods, "llm", LabelSelector.Everything);
        _rules.Answers[key] = _rules.Answers[key] with { Error = "connection: refused" };
        using (var list = Provider.GetMetricByName(new ObjectKey("llm", "a"), QueueOfPods, LabelSelector.Everything))
        {
            Assert.Equal(1, list.Items[0].Value);
        }

        _time.Advance(TimeSpan.FromSeconds(11));
        var error = Assert.Throws<ApiStatusException>(() => Provider.GetMetricByName(new ObjectKey("llm", "a"), QueueOfPods, LabelSelector.Everything));
        Assert.Equal(500, error.Status.Code);
        Assert.Contains("connection: refused", error.Status.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_rule_metric_replaces_a_built_in_of_the_same_name_in_discovery()
    {
        _rules.Labels[("vllm_queue_depth", GroupResource.Namespaces)] = "namespace";
        var listed = Provider.ListAllMetrics().Where(m => m.Metric == "vllm_queue_depth").ToList();
        Assert.Equal([new CustomMetricInfo(GroupResource.Namespaces, false, "vllm_queue_depth")], listed);
        Assert.Contains(Provider.ListAllMetrics(), m => m.Metric == "vllm_running_requests" && m.Resource == GroupResource.Deployments);
    }

    [Fact]
    public async Task External_items_keep_their_labels_and_leave_NaN_out()
    {
        _rules.External.Add("lag");
        var info = new ExternalMetricInfo("lag");
        await Provider.PrepareExternalAsync("default", LabelSelector.Everything, info, CancellationToken.None);
        Assert.Equal([RuleValuesReader.KeyFor(info, "default", LabelSelector.Everything)], _rules.Prepared);
        _rules.Answers[_rules.Prepared[0]] = new RuleAnswer(
            [new(new Dictionary<string, string> { ["name"] = "orders" }, new Sample(42, Now)), new(new Dictionary<string, string> { ["name"] = "x" }, new Sample(double.NaN, Now))],
            Now, null);
        var item = Assert.Single(Provider.GetExternalMetric("default", LabelSelector.Everything, info));
        Assert.Equal(("orders", 42.0), (item.MetricLabels["name"], item.Value));
        Assert.Contains(Provider.ListAllExternalMetrics(), m => m.Metric == "lag");
    }

    private void Answer(CustomMetricInfo info, string ns, DateTimeOffset at, params (string Name, double Value)[] series)
    {
        var label = _rules.Labels[(info.Metric, info.Resource)];
        _rules.Answers[RuleValuesReader.KeyFor(info, ns, LabelSelector.Everything)] = new RuleAnswer(
            [.. series.Select(s => new RuleSample(new Dictionary<string, string> { [label] = s.Name }, new Sample(s.Value, at)))], at, null);
    }
}
