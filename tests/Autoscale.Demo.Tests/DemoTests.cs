using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace Autoscale.Demo.Tests;

/// <summary>
/// Issue #16 item 1: the demo shows both programs. The real kubectl reads the demo's cluster through the
/// kubeconfig the demo writes: the controller's behavior and Event on the HPA, its placeholder among the pods, and the
/// adapter's metrics through the aggregator.
/// </summary>
public sealed partial class DemoTests(DemoFixture demo) : IClassFixture<DemoFixture>
{
    private static readonly TimeSpan Within = TimeSpan.FromSeconds(60);

    [Fact]
    public void The_demo_writes_the_cluster_kubeconfig_beside_the_adapters_and_says_what_to_run()
    {
        var directory = Path.GetDirectoryName(demo.ClusterKubeconfig);
        Assert.Equal("cluster-kubeconfig", Path.GetFileName(demo.ClusterKubeconfig));
        Assert.Equal(directory, Path.GetDirectoryName(demo.Run.AdapterKubeconfig));
        Assert.True(File.Exists(demo.ClusterKubeconfig) && File.Exists(demo.Run.AdapterKubeconfig));

        var welcome = Welcome.Text(demo.Run);
        var cluster = Path.GetRelativePath(Environment.CurrentDirectory, demo.ClusterKubeconfig);
        foreach (var command in new[] { "get hpa -n demo", "describe hpa llama-3-8b -n demo", "get events -n demo", "get pods -n demo" })
        {
            Assert.Contains($"kubectl --kubeconfig {cluster} {command}", welcome, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task Describe_hpa_shows_the_behavior_the_controller_set_and_its_event_with_the_learnt_cold_start()
    {
        // The first two pods are scheduled, pull and load (~3.5 s): once Ready, the controller learns their cold start
        // and replaces the default 600 s window with clamp(1.5 × p90, 120 s, 1800 s) = 120 s.
        var described = await demo.KubectlUntilAsync(
            o => o.Contains("Stabilization Window: 120 seconds", StringComparison.Ordinal) && o.Contains("cold start", StringComparison.Ordinal),
            Within, "describe", "hpa", "llama-3-8b", "-n", "demo");

        Assert.Matches(@"Scale Down:\s+Stabilization Window: 120 seconds\s+Select Policy: (Max|Disabled)", described);
        Assert.Contains("autoscale.dev/cold-start-history", described, StringComparison.Ordinal);
        var evt = ColdStartEvent().Match(described);
        Assert.True(evt.Success, described);
        var seconds = double.Parse(evt.Groups["total"].Value, System.Globalization.CultureInfo.InvariantCulture);
        Assert.InRange(seconds, 3, 15); // scheduling 0.5 s + pull 1 s + load 2 s, plus the demo's ticks
    }

    [Fact]
    public async Task Get_pods_shows_the_placeholder_the_controller_keeps_running()
    {
        var pods = await demo.KubectlUntilAsync(o => PlaceholderRow().IsMatch(o) && ServingRow().IsMatch(o), Within, "get", "pods", "-n", "demo");

        Assert.Matches(PlaceholderRow(), pods);
        Assert.Matches(ServingRow(), pods);
    }

    [Fact]
    public async Task The_hpa_port_reads_the_adapter_through_the_aggregator_and_writes_current_values()
    {
        var hpa = await demo.KubectlUntilAsync(o => !o.Contains("<unknown>", StringComparison.Ordinal) && o.Contains("vllm_queue_depth: ", StringComparison.Ordinal),
            Within, "get", "hpa", "-n", "demo");
        Assert.Matches(@"llama-3-8b\s+Deployment/llama-3-8b\s+vllm_queue_depth: [0-9.m]+/3, vllm_running_requests: [0-9.m]+/24\s+1\s+6\s+\d", hpa);

        var raw = await demo.KubectlUntilAsync(o => o.Contains("\"items\"", StringComparison.Ordinal), Within,
            "get", "--raw", "/apis/custom.metrics.k8s.io/v1beta2/namespaces/demo/pods/*/vllm_running_requests?labelSelector=app%3Dllama-3-8b");
        var items = JsonNode.Parse(raw)!["items"]!.AsArray();
        Assert.NotEmpty(items);
        Assert.All(items, i => Assert.StartsWith("llama-3-8b-", (string)i!["describedObject"]!["name"]!, StringComparison.Ordinal));

        var apiservice = await demo.KubectlUntilAsync(o => o.Contains("True", StringComparison.Ordinal), Within, "get", "apiservice", "v1beta2.custom.metrics.k8s.io");
        Assert.Matches(@"v1beta2\.custom\.metrics\.k8s\.io\s+autoscale/autoscale-metrics-adapter\s+True", apiservice);
    }

    [Fact]
    public async Task The_hpa_port_changes_replicas_as_the_emulated_traffic_moves()
    {
        // The trace's first minutes load two fresh replicas beyond the HPA's queue target: it scales the Deployment.
        var events = await demo.KubectlUntilAsync(o => o.Contains("SuccessfulRescale", StringComparison.Ordinal), Within, "get", "events", "-n", "demo");
        Assert.Matches(@"SuccessfulRescale\s+horizontalpodautoscaler/llama-3-8b\s+New size: \d+; reason: ", events);

        var replicas = await demo.KubectlUntilAsync(o => o.Trim() != "2", Within, "get", "deployment", "llama-3-8b", "-n", "demo", "-o", "jsonpath={.spec.replicas}");
        Assert.InRange(int.Parse(replicas.Trim(), System.Globalization.CultureInfo.InvariantCulture), 1, 6);
    }

    [Fact]
    public async Task Every_pod_metric_the_adapter_lists_has_data_gpu_ones_from_the_emulated_dcgm_exporter_included()
    {
        var discovery = JsonNode.Parse(await demo.KubectlUntilAsync(o => o.Contains("pods/", StringComparison.Ordinal), Within, "get", "--raw", "/apis/custom.metrics.k8s.io/v1beta2"))!;
        var metrics = discovery["resources"]!.AsArray().Select(r => (string)r!["name"]!).Where(n => n.StartsWith("pods/", StringComparison.Ordinal)).Select(n => n[5..]).ToList();
        Assert.Contains("gpu_utilization", metrics);
        Assert.Contains("vllm_time_to_first_token_p95_seconds", metrics);

        foreach (var metric in metrics)
        {
            var raw = await demo.KubectlUntilAsync(o => JsonNode.Parse(o)!["items"]!.AsArray().Count > 0, Within,
                "get", "--raw", $"/apis/custom.metrics.k8s.io/v1beta2/namespaces/demo/pods/*/{metric}?labelSelector=app%3Dllama-3-8b");
            Assert.All(JsonNode.Parse(raw)!["items"]!.AsArray(), i => Assert.StartsWith("llama-3-8b-", (string)i!["describedObject"]!["name"]!, StringComparison.Ordinal));
        }
    }

    [GeneratedRegex(@"BehaviorUpdated\s+\S+\s+autoscale-scale-controller\s+.*1\.5 × p90 cold start (?<total>[0-9.]+)s over \d+ samples? \(scheduling [0-9.]+s, image pull [0-9.]+s, model load [0-9.]+s\)")]
    private static partial Regex ColdStartEvent();

    [GeneratedRegex(@"(?m)^llama-3-8b-warm-0\s+1/1\s+Running")]
    private static partial Regex PlaceholderRow();

    [GeneratedRegex(@"(?m)^llama-3-8b-[0-9a-f]+\s+1/1\s+Running")]
    private static partial Regex ServingRow();
}
