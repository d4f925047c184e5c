using Autoscale.Hpa.Spec;
using Autoscale.LoadTest.Cluster;
using Autoscale.LoadTest.Config;
using Autoscale.LoadTest.Metrics;
using Autoscale.LoadTest.Policies;
using Autoscale.LoadTest.Replicas;
using Autoscale.LoadTest.Traces;

namespace Autoscale.LoadTest.Tests;

public sealed class GpuUtilHpaTests
{
    [Fact]
    public void Defaults_are_the_seed_target_and_dcgm_exporter_pipeline()
    {
        var policy = (GpuUtilHpaPolicy)PolicyFactory.Create("gpu-util-hpa", SimConfig.Default);

        Assert.Equal("gpu-util-hpa", policy.Name);
        Assert.Equal(
            MetricSpec.Pods(GpuUtilHpaPolicy.GpuUtil, MetricTarget.AverageValue(70_000)),
            Assert.Single(policy.Hpa.Spec.Metrics));
        // dcgm-exporter -c 30000 ms, ServiceMonitor 15 s, relabelling rule 30 s; HPA sync 15 s.
        Assert.Equal(new MetricPipelineOptions(30, 15, 30), policy.Pipeline);
        Assert.Equal(15, policy.DecideEverySeconds);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(64)]
    public void Any_busy_replica_reads_about_100_percent(int sequences)
    {
        // One running sequence keeps the GPU as "utilised" as a full batch: the metric is a duty cycle.
        var engine = new EmulatedReplicaEngine(Synthetic.Profile);
        for (var i = 0; i < sequences; i++)
        {
            engine.Submit(new TraceRequest(i, 0, 100, 2000), 0);
        }

        engine.AdvanceTo(0.5);
        engine.AdvanceTo(2);

        Assert.InRange(GpuUtilModel.Percent(engine.BusyFraction), 95, 100);
    }

    [Fact]
    public void An_idle_replica_reads_zero()
    {
        var engine = new EmulatedReplicaEngine(Synthetic.Profile);
        engine.AdvanceTo(1.5);

        Assert.Equal(0, GpuUtilModel.Percent(engine.BusyFraction));
    }

    [Fact]
    public void One_request_per_replica_asks_for_as_much_as_a_saturated_fleet()
    {
        // Two ready replicas at 100 %: ceil(2 × 100 / 70) = 3, whether each runs one sequence or two hundred.
        var policy = (GpuUtilHpaPolicy)PolicyFactory.Create("gpu-util-hpa", SimConfig.Default);
        PodView[] pods = [new("a", PodStage.Ready, 0, 0, 0), new("b", PodStage.Ready, 0, 0, 0)];
        var gpu = new[] { new GpuSample("a", 100, 100), new GpuSample("b", 100, 100) };

        var decision = policy.Decide(new PolicyInput(100, 2, pods, new MetricSnapshot(100, [], [], gpu)));

        Assert.Equal(3, decision.Replicas);
    }

    [Fact]
    public void A_loading_replica_reports_zero_and_dilutes_the_average()
    {
        // The exporter reports the loading pod's GPU at 0 %; the HPA averages it in: (100 + 0) / 2 = 50 < 70.
        var policy = (GpuUtilHpaPolicy)PolicyFactory.Create("gpu-util-hpa", SimConfig.Default);
        PodView[] pods = [new("a", PodStage.Ready, 0, 0, 0), new("b", PodStage.Loading, 0, 0, null, 0)];
        var gpu = new[] { new GpuSample("a", 100, 100), new GpuSample("b", 100, 0) };

        var decision = policy.Decide(new PolicyInput(100, 2, pods, new MetricSnapshot(100, [], [], gpu)));

        Assert.Equal(2, decision.Replicas);
    }
}
