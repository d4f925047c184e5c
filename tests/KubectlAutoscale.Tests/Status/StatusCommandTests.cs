using System.Text.RegularExpressions;
using Autoscale.Demo.Cluster;
using Autoscale.Kubectl.Status;

namespace Autoscale.Kubectl.Tests.Status;

/// <summary>
/// Issue #16 item 2: <c>kubectl-autoscale status</c> against the test API server and the adapter, for a healthy HPA
/// and two broken ones beside it (metric NotFound, all pods loading). The third broken case, an APIService that is
/// not Available, breaks the whole API: <see cref="ApiServiceUnavailableTests"/> has its own cluster.
/// </summary>
public sealed class StatusCommandTests : IClassFixture<ClusterWithAdapter>
{
    private readonly ClusterWithAdapter _cluster;

    public StatusCommandTests(ClusterWithAdapter cluster)
    {
        _cluster = cluster;
        // xUnit makes an instance per test: seed once per cluster.
        var server = cluster.Run.Cluster.Server;
        if (server.Get<k8s.Models.V2HorizontalPodAutoscaler>("demo", "loading") is null)
        {
            Broken.MetricTypo(server);
            Broken.AllPodsLoading(server);
        }
    }

    [Fact]
    public async Task A_healthy_hpa_shows_each_metric_served_per_pod_with_ages_and_the_controllers_last_decision()
    {
        var (exit, output) = await _cluster.StatusUntilAsync("llama-3-8b", (e, o) => e == StatusCommand.Healthy && o.Contains("1.5 × p90 cold start", StringComparison.Ordinal));

        Assert.Equal(StatusCommand.Healthy, exit);
        Assert.Contains("HPA demo/llama-3-8b → Deployment/llama-3-8b (selector app=llama-3-8b)", output, StringComparison.Ordinal);
        Assert.Contains("verdict:  OK: every metric is served and the HPA can scale", output, StringComparison.Ordinal);
        Assert.Matches(@"v1beta2\.custom\.metrics\.k8s\.io\s+autoscale/autoscale-metrics-adapter\s+Available \(Passed: all checks passed\)", output);
        Assert.Matches(@"vllm_queue_depth \(Pods, target average 3\): \d+ served", output);
        Assert.Matches(@"vllm_running_requests \(Pods, target average 24\): \d+ served", output);
        Assert.Matches(@"(?m)^    llama-3-8b-[0-9a-f]+\s+\S+\s+sample age \d+s", output);
        Assert.Matches(@"ScalingActive\s+True\s+ValidMetricFound", output);
        Assert.Matches(@"last decision \(\d+s ago, BehaviorUpdated\): .*1\.5 × p90 cold start", output);
        Assert.Contains("behavior: scaleDown window 120s", output, StringComparison.Ordinal);
        Assert.Contains("autoscale.dev/cold-start-history: ", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_metric_the_adapter_does_not_serve_is_NotFound_and_named_as_such()
    {
        var (exit, output) = await _cluster.StatusUntilAsync("llama-typo", (e, o) => o.Contains("ScalingActive", StringComparison.Ordinal));

        Assert.Equal(StatusCommand.Problems, exit);
        Assert.Contains("vllm_queue_length (Pods, target average 3): NotFound (404): the server could not find the metric vllm_queue_length for pods", output, StringComparison.Ordinal);
        Assert.Contains("- vllm_queue_length: NotFound: the adapter does not serve vllm_queue_length at all", output, StringComparison.Ordinal);
        Assert.Contains("see docs/troubleshooting.md#metric-notfound", output, StringComparison.Ordinal);
        Assert.Matches(@"ScalingActive\s+False\s+FailedGetPodsMetric", output);
    }

    [Fact]
    public async Task An_hpa_whose_pods_all_load_says_they_are_left_out_on_purpose()
    {
        var (exit, output) = await _cluster.StatusUntilAsync("loading", (e, o) => o.Contains("ScalingActive", StringComparison.Ordinal));

        Assert.Equal(StatusCommand.Problems, exit);
        Assert.Contains("vllm_queue_depth (Pods, target average 3): NotFound (404): the server could not find the metric vllm_queue_depth for pods * with selector app=loading", output, StringComparison.Ordinal);
        Assert.Matches(@"left out: loading-a: not Ready for \d+s \(loading its model\?\): pods that are not capacity are left out on purpose", output);
        Assert.Matches(@"left out: loading-b: not Ready", output);
        Assert.Contains("- vllm_queue_depth: every selected pod (2) is still loading or pending", output, StringComparison.Ordinal);
        Assert.Contains("see docs/troubleshooting.md#pods-loading", output, StringComparison.Ordinal);
        Assert.DoesNotContain("#metric-notfound", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_user_without_rbac_cannot_read_the_hpa_and_is_told_so()
    {
        var kubeconfig = _cluster.Run.Cluster.WriteKubeconfig(Path.Combine(Path.GetDirectoryName(_cluster.Kubeconfig)!, "no-grants-kubeconfig"), DemoCluster.NoGrantToken);

        var error = await Assert.ThrowsAsync<StatusException>(() => _cluster.StatusAsync("llama-3-8b", kubeconfig));

        Assert.Matches(new Regex("cannot read HPA demo/llama-3-8b: horizontalpodautoscalers.autoscaling \"llama-3-8b\" is forbidden: User \"demo-no-grants\" cannot get resource"), error.Message);
    }

    [Fact]
    public async Task The_binary_is_kubectl_autoscale_and_exits_with_the_verdict()
    {
        var binary = Path.Combine(AppContext.BaseDirectory, "kubectl-autoscale");
        Assert.True(File.Exists(binary), $"{binary} was not built");
        await _cluster.StatusUntilAsync("llama-3-8b", (e, _) => e == StatusCommand.Healthy);

        using var process = System.Diagnostics.Process.Start(new System.Diagnostics.ProcessStartInfo(binary, ["status", "loading", "-n", "demo", "--kubeconfig", _cluster.Kubeconfig])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        })!;
        var stdout = await process.StandardOutput.ReadToEndAsync();
        await process.WaitForExitAsync();

        Assert.Equal(StatusCommand.Problems, process.ExitCode);
        Assert.Contains("HPA demo/loading → Deployment/loading", stdout, StringComparison.Ordinal);
    }
}
