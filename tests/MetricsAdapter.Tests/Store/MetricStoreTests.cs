using Autoscale.Kubernetes;
using Autoscale.MetricsAdapter.Store;
using Autoscale.MetricsAdapter.Tests.Support;

namespace Autoscale.MetricsAdapter.Tests.Store;

public sealed class MetricStoreTests
{
    private static readonly DateTimeOffset T = TestFleet.SampleTime;

    [Fact]
    public void Readers_keep_their_snapshot_while_the_inventory_changes()
    {
        var store = TestFleet.Create();
        var before = store.Current;

        store.RemovePod(new ObjectKey(TestFleet.Ns, "llama-0"));

        Assert.True(before.Namespace(TestFleet.Ns)!.PodsByName.ContainsKey("llama-0"));
        Assert.False(store.Current.Namespace(TestFleet.Ns)!.PodsByName.ContainsKey("llama-0"));
        Assert.Single(store.Current.Namespace(TestFleet.Ns)!.WorkloadsOf(GroupResource.Deployments).Single(w => w.Info.Name == "llama").Pods, p => p.Info.Name == "llama-1");
    }

    [Fact]
    public void Object_values_republish_only_the_namespaces_whose_values_changed()
    {
        var store = TestFleet.Create();
        ObjectValue Desired(string ns, double replicas) => new(
            GroupResource.Deployments, ObjectReference.For(GroupResource.Deployments, ns, "vllm"), "autoscale_desired_replicas",
            new Sample(replicas, T), $"HPA {ns}/vllm", null);

        store.ReplaceObjectValues([Desired(TestFleet.Ns, 4), Desired("batch", 2), Desired("other", 3)]);
        var first = store.Current;
        Assert.Equal(4, first.Namespace(TestFleet.Ns)!.ObjectValueOf(GroupResource.Deployments, "vllm", "autoscale_desired_replicas")!.Sample!.Value.Value);
        Assert.NotNull(first.Namespace("batch")); // a namespace with only an object value is in the snapshot

        // The same values again, in another order: nothing republished.
        store.ReplaceObjectValues([Desired("other", 3), Desired("batch", 2), Desired(TestFleet.Ns, 4)]);
        Assert.Same(first, store.Current);

        // One namespace changes and one loses its last value: the third keeps its very view.
        store.ReplaceObjectValues([Desired(TestFleet.Ns, 4), Desired("batch", 5)]);
        Assert.Same(first.Namespace(TestFleet.Ns), store.Current.Namespace(TestFleet.Ns));
        Assert.Equal(5, store.Current.Namespace("batch")!.ObjectValueOf(GroupResource.Deployments, "vllm", "autoscale_desired_replicas")!.Sample!.Value.Value);
        Assert.Null(store.Current.Namespace("other"));
    }

    [Fact]
    public void Each_source_replaces_only_its_own_object_values()
    {
        var store = TestFleet.Create();
        ObjectValue Value(string name, string metric, double value) => new(
            GroupResource.Deployments, ObjectReference.For(GroupResource.Deployments, "batch", name), metric, new Sample(value, T), "test", null);

        store.ReplaceObjectValues([Value("vllm", "autoscale_desired_replicas", 4)]);
        store.ReplaceObjectValues("router", [Value("vllm", "autoscale_router_pending_requests", 3), Value("qwen", "autoscale_router_pending_requests", 1)]);
        store.ReplaceObjectValues("router", [Value("vllm", "autoscale_router_pending_requests", 7)]);

        var batch = store.Current.Namespace("batch")!;
        Assert.Equal(4, batch.ObjectValueOf(GroupResource.Deployments, "vllm", "autoscale_desired_replicas")!.Sample!.Value.Value);
        Assert.Equal(7, batch.ObjectValueOf(GroupResource.Deployments, "vllm", "autoscale_router_pending_requests")!.Sample!.Value.Value);
        Assert.Null(batch.ObjectValueOf(GroupResource.Deployments, "qwen", "autoscale_router_pending_requests"));

        // Discovery's next round leaves the routers' values alone, and the routers stopping leaves discovery's.
        store.ReplaceObjectValues([Value("vllm", "autoscale_desired_replicas", 5)]);
        Assert.Equal(7, store.Current.Namespace("batch")!.ObjectValueOf(GroupResource.Deployments, "vllm", "autoscale_router_pending_requests")!.Sample!.Value.Value);
        store.ReplaceObjectValues("router", []);
        Assert.Equal(5, store.Current.Namespace("batch")!.ObjectValueOf(GroupResource.Deployments, "vllm", "autoscale_desired_replicas")!.Sample!.Value.Value);
        Assert.Single(store.Current.Namespace("batch")!.ObjectValues);
    }

    [Fact]
    public void A_deleted_pod_loses_its_samples()
    {
        var store = TestFleet.Create();
        var key = new ObjectKey(TestFleet.Ns, "llama-0");
        store.RemovePod(key);
        store.UpsertPod(new PodInfo(TestFleet.Ns, "llama-0", TestFleet.Labels(("app", "llama")), PodState.Ready));

        Assert.True(store.Current.Namespace(TestFleet.Ns)!.PodsByName["llama-0"].Slot.Metrics.IsEmpty);
    }

    [Fact]
    public void Samples_are_visible_to_readers_without_a_republish()
    {
        var store = TestFleet.Create();
        var snapshot = store.Current;
        var key = new ObjectKey(TestFleet.Ns, "qwen-0");

        store.Record(key, "pod", [new("vllm_queue_depth", TestFleet.Labels(), new Sample(42, T.AddSeconds(2)))]);

        Assert.Equal(42, snapshot.Namespace(TestFleet.Ns)!.PodsByName["qwen-0"].Slot.Metrics.ByMetric["vllm_queue_depth"][0].Last.Value);
    }

    [Fact]
    public void Previous_is_the_last_older_sample_and_repeats_do_not_erase_it()
    {
        var store = new MetricStore();
        var key = new ObjectKey("ns", "p");
        var labels = TestFleet.Labels();
        store.Record(key, "pod", [new("m", labels, new Sample(1, T))]);
        store.Record(key, "pod", [new("m", labels, new Sample(2, T.AddSeconds(2)))]);
        store.Record(key, "pod", [new("m", labels, new Sample(2, T.AddSeconds(2)))]);

        var series = store.Current.Namespace("ns") is null ? null : store.Current.Namespace("ns")!.PodsByName["p"].Slot.Metrics.ByMetric["m"][0];
        Assert.Null(series); // never in the inventory, so not served

        store.UpsertPod(new PodInfo("ns", "p", labels, PodState.Ready));
        series = store.Current.Namespace("ns")!.PodsByName["p"].Slot.Metrics.ByMetric["m"][0];
        Assert.Equal(new Sample(2, T.AddSeconds(2)), series.Last);
        Assert.Equal(new Sample(1, T), series.Previous);
    }

    [Fact]
    public void Pods_and_scrapes_with_equal_labels_share_one_sanitised_label_set()
    {
        var store = TestFleet.Create();
        var llama = new ObjectKey(TestFleet.Ns, "llama-0");
        var qwen = new ObjectKey(TestFleet.Ns, "qwen-0");
        IReadOnlyDictionary<string, string> Model() => TestFleet.Labels(("model_name", "meta-llama/Llama-3.1-8B"));

        store.Record(llama, "pod", [new("vllm_queue_depth", Model(), new Sample(1, T)), new("vllm_running_requests", Model(), new Sample(2, T))]);
        store.Record(qwen, "pod", [new("vllm_queue_depth", Model(), new Sample(3, T))]);
        store.Record(llama, "pod", [new("vllm_queue_depth", Model(), new Sample(4, T.AddSeconds(2)))]);

        var ns = store.Current.Namespace(TestFleet.Ns)!;
        var labels = ns.PodsByName["llama-0"].Slot.Metrics.ByMetric["vllm_queue_depth"][0].Labels;
        Assert.Equal("meta-llama_Llama-3.1-8B", labels["model_name"]);
        Assert.Same(labels, ns.PodsByName["qwen-0"].Slot.Metrics.ByMetric["vllm_queue_depth"][0].Labels);
        Assert.Equal(new Sample(1, T), ns.PodsByName["llama-0"].Slot.Metrics.ByMetric["vllm_queue_depth"][0].Previous);
    }

    [Fact]
    public void Series_missing_from_a_scrape_are_dropped()
    {
        var store = TestFleet.Create();
        var key = new ObjectKey(TestFleet.Ns, "llama-0");

        store.Record(key, "pod", [new("vllm_running_requests", TestFleet.Labels(), new Sample(1, T))]);

        Assert.Equal(["vllm_running_requests"], store.Current.Namespace(TestFleet.Ns)!.PodsByName["llama-0"].Slot.Metrics.ByMetric.Keys.ToArray());
    }

    [Fact]
    public void An_emptied_namespace_disappears()
    {
        var store = TestFleet.Create();

        store.ReplaceInventory([], []);

        Assert.Empty(store.Current.Namespaces);
    }

    [Fact]
    public void Sources_replace_only_their_own_series()
    {
        var store = TestFleet.Create();
        var key = new ObjectKey(TestFleet.Ns, "llama-0");

        store.Record(key, "gpu", [new("gpu_utilization", TestFleet.Labels(), new Sample(80, T))]);
        store.Record(key, "pod", [new("vllm_queue_depth", TestFleet.Labels(), new Sample(1, T.AddSeconds(2)))]);

        var metrics = store.Current.Namespace(TestFleet.Ns)!.PodsByName["llama-0"].Slot.Metrics;
        Assert.Equal(["gpu_utilization", "vllm_queue_depth"], metrics.ByMetric.Keys.Order(StringComparer.Ordinal).ToArray());

        store.Clear(key, "gpu");
        Assert.Equal(["vllm_queue_depth"], store.Current.Namespace(TestFleet.Ns)!.PodsByName["llama-0"].Slot.Metrics.ByMetric.Keys.ToArray());
    }
}
