using Autoscale.MetricsAdapter.Sources;
using Autoscale.MetricsAdapter.Sources.Targets;
using k8s.Models;

namespace Autoscale.MetricsAdapter.Tests.Sources.Targets;

public sealed class TargetWatchTargetTests
{
    [Fact]
    public async Task Pods_of_a_deployment_whose_hpa_asks_for_our_metric_become_targets_with_their_urls()
    {
        await using var h = await TargetWatchHarness.StartAsync();
        h.Server.Upsert(Kube.Deployment("llm", "llama"));
        h.Server.Upsert(Kube.Hpa("llm", "llama", "llama", Kube.CpuMetric(), Kube.PodsMetric("vllm_queue_depth")));
        h.Server.Upsert(Kube.Pod("llm", "annotated", ip: "10.0.0.1", annotations: new Dictionary<string, string> { ["prometheus.io/port"] = "9090", ["prometheus.io/path"] = "/stats" }));
        h.Server.Upsert(Kube.Pod("llm", "named", ip: "10.0.0.2", ports: [Kube.Port("http", 8080), Kube.Port("metrics", 8081)]));
        h.Server.Upsert(Kube.Pod("llm", "plain", ip: "10.0.0.3"));
        h.Server.Upsert(Kube.Pod("llm", "no-ip", ip: null, phase: "Pending", ready: false));
        h.Server.Upsert(Kube.Pod("llm", "other", new Dictionary<string, string> { ["app"] = "web" }, ip: "10.0.0.4"));

        await h.RunAsync();

        Assert.Equal(new Uri("http://10.0.0.1:9090/stats"), h.Target("llm", "annotated")?.Url);
        Assert.Equal(new Uri("http://10.0.0.2:8081/metrics"), h.Target("llm", "named")?.Url);
        Assert.Equal(new Uri("http://10.0.0.3:8000/metrics"), h.Target("llm", "plain")?.Url);
        Assert.Equal(3, h.Targets.Current.Count);
        Assert.NotNull(h.StoredPod("llm", "no-ip")); // known to the store, though not scraped
    }

    [Fact]
    public async Task An_hpa_on_the_planners_desired_replicas_has_its_pods_scraped_for_their_demand()
    {
        await using var h = await TargetWatchHarness.StartAsync();
        h.Server.Upsert(Kube.Deployment("llm", "llama"));
        h.Server.Upsert(Kube.Hpa("llm", "llama", "llama", new V2MetricSpec
        {
            Type = "Object",
            ObjectProperty = new V2ObjectMetricSource
            {
                DescribedObject = new V2CrossVersionObjectReference { ApiVersion = "apps/v1", Kind = "Deployment", Name = "llama" },
                Metric = new V2MetricIdentifier { Name = DesiredReplicas.Metric },
                Target = new V2MetricTarget { Type = "AverageValue", AverageValue = new ResourceQuantity("1") },
            },
        }));
        h.Server.Upsert(Kube.Pod("llm", "p1"));

        await h.RunAsync();

        Assert.NotNull(h.Target("llm", "p1"));
    }

    [Theory]
    [InlineData("s0-vllm_queue_depth", true)]
    [InlineData("s12-autoscale_desired_replicas", true)]
    [InlineData("s0-some_prometheus_query", false)]
    [InlineData("vllm_queue_depth", false)]
    public async Task The_hpa_KEDA_makes_for_our_external_scaler_has_its_pods_scraped_and_its_scale_target_known(string externalMetric, bool scraped)
    {
        await using var h = await TargetWatchHarness.StartAsync();
        h.Server.Upsert(Kube.Deployment("llm", "llama"));
        h.Server.Upsert(Kube.Hpa("llm", "keda-hpa-llama-so", "llama", new V2MetricSpec
        {
            Type = "External",
            External = new V2ExternalMetricSource
            {
                Metric = new V2MetricIdentifier { Name = externalMetric },
                Target = new V2MetricTarget { Type = "AverageValue", AverageValue = new ResourceQuantity("5") },
            },
        }));
        h.Server.Upsert(Kube.Pod("llm", "p1"));

        await h.RunAsync();

        Assert.Equal(scraped, h.Target("llm", "p1") is not null);
        var value = h.Store.Current.Namespace("llm")?.ObjectValueOf(Autoscale.Kubernetes.GroupResource.Deployments, "llama", DesiredReplicas.Metric);
        Assert.Equal("keda-hpa-llama-so", value?.ScaledBy);
    }

    [Theory]
    [InlineData("s0-vllm_queue_depth", "vllm_queue_depth")]
    [InlineData("s3-a-b", "a-b")]
    [InlineData("s-x", null)]
    [InlineData("sx-y", null)]
    [InlineData("s0-", null)]
    [InlineData("t0-x", null)]
    public void KEDAs_indexed_metric_names_are_read(string name, string? metric) =>
        Assert.Equal(metric, HpaSelections.KedaTriggerMetric(name));

    [Fact]
    public async Task Hpas_are_read_for_desired_replicas_even_when_not_followed_for_scraping()
    {
        await using var h = await TargetWatchHarness.StartAsync();
        h.Server.Upsert(Kube.Deployment("llm", "llama"));
        var hpa = Kube.Hpa("llm", "llama", "llama", Kube.PodsMetric("vllm_queue_depth"));
        hpa.Metadata.Annotations = new Dictionary<string, string> { [DesiredReplicas.Annotation] = "{\"replicas\":5,\"at\":\"2026-12-07T06:30:00.000Z\"}" };
        h.Server.Upsert(hpa);
        h.Server.Upsert(Kube.Pod("llm", "p1"));

        await h.RunAsync(new TargetWatchOptions { FollowHpas = false });

        Assert.Empty(h.Targets.Current);
        var value = h.Store.Current.Namespace("llm")?.ObjectValueOf(Autoscale.Kubernetes.GroupResource.Deployments, "llama", DesiredReplicas.Metric);
        Assert.Equal(5, value?.Sample?.Value);
    }

    [Fact]
    public async Task An_hpa_on_cpu_only_scrapes_nothing_until_extra_selectors_ask()
    {
        await using var h = await TargetWatchHarness.StartAsync();
        h.Server.Upsert(Kube.Deployment("llm", "llama"));
        h.Server.Upsert(Kube.Hpa("llm", "llama", "llama", Kube.CpuMetric()));
        h.Server.Upsert(Kube.Pod("llm", "p1"));
        h.Server.Upsert(Kube.Pod("batch", "b1", new Dictionary<string, string> { ["app"] = "batch-llm" }, ip: "10.0.1.1"));

        await h.RunAsync(new TargetWatchOptions { ExtraSelectors = [new ScrapeSelector("batch", "app=batch-llm")] });

        Assert.Null(h.Target("llm", "p1"));
        Assert.NotNull(h.Target("batch", "b1"));
        Assert.NotNull(h.StoredPod("llm", "p1"));
    }

    [Fact]
    public async Task An_hpa_added_later_makes_its_pods_targets()
    {
        await using var h = await TargetWatchHarness.StartAsync();
        h.Server.Upsert(Kube.Deployment("llm", "llama"));
        h.Server.Upsert(Kube.Pod("llm", "p1"));
        await h.RunAsync();
        Assert.Empty(h.Targets.Current);

        h.Server.Upsert(Kube.Hpa("llm", "llama", "llama", Kube.PodsMetric("vllm_kv_cache_usage")));

        await Eventually.TrueAsync(() => h.Target("llm", "p1") is not null, "the HPA's pods scraped");
    }

    [Fact]
    public async Task Dcgm_exporter_pods_become_gpu_exporter_targets()
    {
        await using var h = await TargetWatchHarness.StartAsync();
        h.Server.Upsert(Kube.Pod("gpu-operator", "dcgm-a", new Dictionary<string, string> { ["app.kubernetes.io/name"] = "dcgm-exporter" }, ip: "10.1.0.1"));
        h.Server.Upsert(Kube.Pod("gpu-operator", "dcgm-b", new Dictionary<string, string> { ["app"] = "nvidia-dcgm-exporter" }, ip: "10.1.0.2",
            ports: [Kube.Port("metrics", 9500)]));

        await h.RunAsync(new TargetWatchOptions { Namespaces = ["llm"], GpuExporterNamespace = "gpu-operator" });

        Assert.Equal(new Uri("http://10.1.0.1:9400/metrics"), h.Target("gpu-operator", "dcgm-a", TargetKind.GpuExporter)?.Url);
        Assert.Equal(new Uri("http://10.1.0.2:9500/metrics"), h.Target("gpu-operator", "dcgm-b", TargetKind.GpuExporter)?.Url);
        Assert.Null(h.StoredPod("gpu-operator", "dcgm-a")); // outside the watched namespaces: not inventory
    }
}
