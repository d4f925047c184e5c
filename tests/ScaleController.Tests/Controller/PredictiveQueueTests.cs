using Autoscale.ScaleController.Watch.CustomMetrics;
using Autoscale.ScaleController.Watch.QueueDepth;
using Autoscale.ScaleController.Tests.Kube;
using Autoscale.ScaleController.Tests.Watch.QueueDepth;

namespace Autoscale.ScaleController.Tests.Controller;

/// <summary>
/// Queue depth read from custom.metrics.k8s.io each round feeds the predictive warm pool through the real loop:
/// a flat queue keeps the minimum, a growing one adds placeholders. The adapter is faked in the client pipeline
/// (<see cref="CustomMetricsFake"/>); everything else is the Kubernetes API test server.
/// </summary>
public sealed class PredictiveQueueTests
{
    public const string Config = """
        budget:
          maxGpus: 4
        workloads:
          - namespace: llm
            name: qwen
            warmPool:
              minimum: 1
              predictive:
                enabled: true
                queueGrowthPerReplica: 10
                lookbackSeconds: 120
                countHpaGap: false
                countPending: false
                maxExtra: 2
        """;

    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(10);

    [Fact]
    public async Task Growing_queue_depth_adds_placeholders_and_a_flat_one_does_not()
    {
        await using var h = await ControllerHarness.StartAsync(Config);
        var fake = new CustomMetricsFake { Value = 5 };
        var app = await h.StartControllerAsync("pod-a", o => o with { ApiHandlers = [() => fake] });
        var reads = app.Parts.Metrics.MetricReads.WithLabels(MetricReadOutcome.Ok);

        await Eventually.TrueAsync(() => h.Placeholders().Count == 1 && reads.Value >= 5, Timeout, "minimum pool with five flat samples read");
        await Task.Delay(TimeSpan.FromMilliseconds(600), TimeProvider.System);
        Assert.Single(h.Placeholders());

        // +100 queued requests every 300 ms round ≈ 20 000/min: far past 10/min per replica, capped at maxExtra 2.
        using var grow = new CancellationTokenSource();
        var growing = Task.Run(async () =>
        {
            while (!grow.IsCancellationRequested)
            {
                fake.Value += 100;
                await Task.Delay(TimeSpan.FromMilliseconds(300), TimeProvider.System);
            }
        });
        await Eventually.TrueAsync(() => h.Placeholders().Count == 3, Timeout, "1 minimum + 2 predictive placeholders");
        await grow.CancelAsync();
        await growing;

        Assert.Equal(0, app.Parts.Metrics.MetricReads.WithLabels(MetricReadOutcome.NotFound).Value);
        Assert.Equal("/apis/custom.metrics.k8s.io/v1beta2/namespaces/llm/deployments.apps/qwen/vllm_queue_depth", fake.LastPath);
    }

    [Fact]
    public async Task Adapter_not_ready_leaves_the_pool_at_its_minimum_and_counts_the_failed_reads()
    {
        await using var h = await ControllerHarness.StartAsync(Config);
        var fake = new CustomMetricsFake { StatusCode = 503 };
        var app = await h.StartControllerAsync("pod-a", o => o with { ApiHandlers = [() => fake] });

        await Eventually.TrueAsync(() => h.Placeholders().Count == 1 && app.Parts.Metrics.MetricReads.WithLabels(MetricReadOutcome.Unavailable).Value >= 3, Timeout, "rounds go on");
        Assert.Single(h.Placeholders());
        Assert.Equal(0, app.Parts.Metrics.MetricReads.WithLabels(MetricReadOutcome.Ok).Value);
    }
}
