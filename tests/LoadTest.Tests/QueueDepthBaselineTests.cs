using Autoscale.Hpa.Spec;
using Autoscale.LoadTest.Cluster;
using Autoscale.LoadTest.Config;
using Autoscale.LoadTest.Metrics;
using Autoscale.LoadTest.Policies;

namespace Autoscale.LoadTest.Tests;

public sealed class QueueDepthBaselineTests
{
    private static readonly PodView[] TwoReady = [new("a", PodStage.Ready, 0, 0, 0), new("b", PodStage.Ready, 0, 0, 0)];

    [Fact]
    public void Common_recipe_defaults_are_the_cited_ones()
    {
        var policy = (CommonRecipePolicy)PolicyFactory.Create("common-recipe", SimConfig.Default);

        // Pods AverageValue 5 on vllm_queue_depth; kube-prometheus-stack 30 s scrape and rule evaluation; 15 s sync.
        Assert.Equal(MetricSpec.Pods(CommonRecipePolicy.QueueDepth, MetricTarget.AverageValue(5000)), Assert.Single(policy.Hpa.Spec.Metrics));
        Assert.Equal(new MetricPipelineOptions(30, 30), policy.Pipeline);
        Assert.Equal((15.0, 1), (policy.DecideEverySeconds, policy.MinReplicas));
    }

    [Theory]
    [InlineData(5, 5, 2)]     // at target: hold
    [InlineData(10, 10, 4)]   // average 10 per pod: ceil(2 × 10 / 5)
    [InlineData(5, 6, 2)]     // ratio 1.1: inside the HPA's 10 % tolerance
    public void Common_recipe_asks_for_average_queue_over_target(int waitingA, int waitingB, int expected)
    {
        var policy = (CommonRecipePolicy)PolicyFactory.Create("common-recipe", SimConfig.Default);
        var metrics = new MetricSnapshot(100, [new VllmSample("a", 100, waitingA, 20, 0.9), new VllmSample("b", 100, waitingB, 20, 0.9)], []);

        Assert.Equal(expected, policy.Decide(new PolicyInput(100, 2, TwoReady, metrics)).Replicas);
    }

    [Fact]
    public void Keda_defaults_are_the_cited_ones()
    {
        var o = SimConfig.Default.Keda;

        // keda-docs ScaledObject defaults; production-stack threshold; kube-prometheus-stack scrape.
        Assert.Equal((5000L, 30.0, 300.0, 0L, 30.0), (o.ThresholdMilli, o.PollingIntervalSeconds, o.CooldownPeriodSeconds, o.ActivationThresholdMilli, o.PrometheusScrapeSeconds));
        Assert.Equal(1, o.MinReplicaCount);
    }

    [Fact]
    public void Keda_scales_on_the_summed_queue_over_the_threshold()
    {
        // External AverageValue on the Prometheus sum: ceil(13 / 5) = 3.
        var policy = (KedaPolicy)PolicyFactory.Create("keda", SimConfig.Default);
        var metrics = new MetricSnapshot(100, [new VllmSample("a", 100, 10, 20, 0.9), new VllmSample("b", 100, 3, 20, 0.9)], []);

        Assert.Equal(3, policy.Decide(new PolicyInput(100, 2, TwoReady, metrics)).Replicas);
    }

    [Fact]
    public void Baseline_settings_are_read_from_the_simulator_yaml()
    {
        var config = SimConfigReader.Read(new StringReader("""
            policies:
              kpa: {targetConcurrency: 8, terminationGraceSeconds: 120}
              gpu-util-hpa: {targetUtilizationPercent: 20, collectSeconds: 10}
            """), "a.yaml");

        Assert.Equal((8.0, 120.0), (config.Kpa.TargetConcurrency, config.Kpa.TerminationGraceSeconds));
        Assert.Equal(new GpuUtilHpaOptions(20, CollectSeconds: 10), config.GpuUtilHpa);
        Assert.Equal(8, ((KpaPolicy)PolicyFactory.Create("kpa", config)).Options.TargetConcurrency);
        Assert.Null(SimConfigReader.Read(new StringReader("policies: {kpa: {}}"), "b.yaml").Kpa.TargetConcurrency);
    }
}
