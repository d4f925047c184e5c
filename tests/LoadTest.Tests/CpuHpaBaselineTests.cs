using Autoscale.Hpa.Spec;
using Autoscale.LoadTest.Cluster;
using Autoscale.LoadTest.Config;
using Autoscale.LoadTest.Metrics;
using Autoscale.LoadTest.Policies;
using Autoscale.LoadTest.Replicas;
using Autoscale.LoadTest.Traces;

namespace Autoscale.LoadTest.Tests;

public sealed class CpuHpaBaselineTests
{
    [Fact]
    public void Defaults_are_the_deployment_request_and_the_kserve_target()
    {
        // deploy/examples/vllm-deployment.yaml requests cpu: "4"; KServe's raw-deployment HPA example targets 80 %.
        var yaml = File.ReadAllText(Path.Combine(Repo.Root, "deploy", "examples", "vllm-deployment.yaml"));
        Assert.Contains("cpu: \"4\"", yaml, StringComparison.Ordinal);
        Assert.Equal(4000, HpaDriver.CpuRequestMilli);
        Assert.Equal(80, SimConfig.Default.CpuTargetUtilization);
        var policy = (CpuHpaPolicy)PolicyFactory.Create("cpu-hpa", SimConfig.Default);
        Assert.Equal(MetricSpec.Resource("cpu", MetricTarget.Utilization(80)), Assert.Single(policy.Hpa.Spec.Metrics));
    }

    [Theory]
    [InlineData(0.0, 0, 0.0, 0.02)]       // idle: the two Python processes only
    [InlineData(1.0, 500, 0.25, 0.30)]    // one busy engine streaming 500 tok/s
    [InlineData(1.0, 1600, 0.29, 0.31)]   // the A10G's published saturation output rate
    public void One_busy_engine_reads_about_a_quarter_of_its_four_cores(double busy, double tokensPerSecond, double low, double high)
    {
        var utilization = (double)VllmCpuModel.ServingMilli(busy, tokensPerSecond) / HpaDriver.CpuRequestMilli;

        Assert.InRange(utilization, low, high);
    }

    [Fact]
    public void The_api_server_share_grows_with_streamed_tokens()
    {
        Assert.Equal(90, VllmCpuModel.ServingMilli(1, 1000) - VllmCpuModel.ServingMilli(1, 0));
    }

    [Fact]
    public void A_fleet_of_saturated_replicas_reads_under_target_and_is_scaled_down()
    {
        // Four replicas, each with its engine busy and streaming 1,000 tok/s: ~29 % of 4 cores each. The HPA asks
        // for ceil(4 × 29 / 80) = 2 — CPU says "over-provisioned" while every replica is saturated.
        var policy = (CpuHpaPolicy)PolicyFactory.Create("cpu-hpa", SimConfig.Default);
        var names = new[] { "a", "b", "c", "d" };
        var pods = names.Select(n => new PodView(n, PodStage.Ready, 0, 0, 0)).ToList();

        // Sync every 15 s past the 300 s scale-down stabilisation window.
        ScaleDecision? decision = null;
        for (var t = 1000.0; t <= 1330; t += 15)
        {
            var cpu = names.Select(n => new CpuSample(n, t, VllmCpuModel.ServingMilli(1, 1000))).ToList();
            decision = policy.Decide(new PolicyInput(t, 4, pods, new MetricSnapshot(t, [], cpu)));
        }

        Assert.Equal(2, decision!.Replicas);
    }

    [Fact]
    public void The_engine_reports_the_tokens_it_streamed_per_second()
    {
        var engine = new EmulatedReplicaEngine(Synthetic.Profile);
        for (var i = 0; i < 8; i++)
        {
            Assert.True(engine.Submit(new TraceRequest(i, 0, 200, 2000), 0));
        }

        // The first second holds the eight prompts' prefill (chunked, ~0.4 ms a token on this profile); the second
        // is decode only: eight sequences back to back, one token each per step of roughly 28–40 ms.
        engine.AdvanceTo(1);
        engine.AdvanceTo(2);

        Assert.InRange(engine.OutputTokensPerSecond, 8 / 0.040, 8 / 0.025);
        Assert.InRange(engine.BusyFraction, 0.95, 1);
    }
}
