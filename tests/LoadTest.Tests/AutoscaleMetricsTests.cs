using Autoscale.LoadTest.Cluster;
using Autoscale.LoadTest.Config;
using Autoscale.LoadTest.Metrics;
using Autoscale.LoadTest.Policies;
using Autoscale.LoadTest.Replicas;
using Autoscale.LoadTest.Simulation;

namespace Autoscale.LoadTest.Tests;

public sealed class AutoscaleMetricsTests
{
    private static readonly ClusterOptions Fixed = ClusterOptions.Default with
    {
        NodeProvision = Triangular.Fixed(60),
        NodeInit = Triangular.Fixed(60),
        ImagePull = Triangular.Fixed(100),
        ModelLoad = Triangular.Fixed(60),
    };

    [Theory]
    [InlineData(null, 20, 2)]      // queue depth alone: no queue, nothing to add
    [InlineData(10.0, 20, 4)]      // 2 pods × 20 running ÷ 10 per pod
    [InlineData(10.0, 10, 2)]      // at target: enough
    public void Running_requests_are_the_enough_signal_a_queue_lacks(double? targetRunning, int runningPerPod, int expected)
    {
        var options = AutoscaleOptions.ControllerDefaults with { TargetRunningMilli = targetRunning is { } t ? (long)(t * 1000) : null };
        var policy = new AutoscalePolicy(options, 16);
        PodView[] pods = [new("a", PodStage.Ready, 0, 0, 0), new("b", PodStage.Ready, 0, 0, 0)];
        var metrics = new MetricSnapshot(100, [new VllmSample("a", 100, 0, runningPerPod, 0.3), new VllmSample("b", 100, 0, runningPerPod, 0.3)], []);

        var decision = policy.Decide(new PolicyInput(100, 2, pods, metrics));

        Assert.Equal(expected, decision.Replicas);
        Assert.Equal(targetRunning is null ? 1 : 2, policy.Hpa.Spec.Metrics.Count);
    }

    [Fact]
    public void Hpa_metric_targets_are_read_from_the_simulator_yaml()
    {
        var config = SimConfigReader.Read(new StringReader("""
            autoscale:
              targetQueueDepth: 5
              targetRunningRequests: 10
              targetKvCacheUsage: 0.8
            """), "a.yaml");

        Assert.Equal((5000L, 10_000L, 800L), (config.Autoscale.TargetQueueDepthMilli, config.Autoscale.TargetRunningMilli, config.Autoscale.TargetKvUsageMilli));
        // The file keeps the shipped controller (planner on): its Object metric first, then the three Pods targets.
        Assert.Equal(
            ["Object autoscale_desired_replicas AverageValue 1", "Pods vllm_queue_depth AverageValue 5", "Pods vllm_running_requests AverageValue 10", "Pods vllm_kv_cache_usage AverageValue 0.8"],
            new AutoscalePolicy(config.Autoscale, 8).Hpa.Spec.Metrics.Select(PolicyDescription.Metric));
        Assert.Null(SimConfig.Default.Autoscale.TargetRunningMilli);
    }

    [Fact]
    public void Warm_pool_headroom_grows_with_the_ready_fleet()
    {
        var config = SimConfigReader.Read(new StringReader("""
            autoscale:
              controller:
                budget: {maxGpus: 16}
                defaults:
                  warmPool: {minimum: 0, maxGpus: 16, headroom: {fraction: 0.5}}
                workloads: [{namespace: llm, name: vllm}]
            """), "headroom.yaml");
        var policy = (AutoscalePolicy)PolicyFactory.Create("autoscale", config);

        var run = new Simulator(Synthetic.Segments(1000, 200, (0.3, 600), (5, 900)), policy,
            new SimulationOptions(Fixed, 3, InitialReplicas: 2), () => new EmulatedReplicaEngine(Synthetic.Profile)).Run();

        Assert.Equal(1, run.Series[0].Placeholders); // ceil(0.5 × 2 ready), warm from t = 0
        Assert.Contains(run.Series, p => p.Ready >= 6 && p.Placeholders >= (p.Ready + 1) / 2);
        Assert.All(run.Series, p => Assert.InRange(p.Placeholders, 0, 16));
    }
}
