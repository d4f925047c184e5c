using Autoscale.LoadTest.Cluster;
using Autoscale.LoadTest.Config;
using Autoscale.LoadTest.Metrics;
using Autoscale.LoadTest.Policies;

namespace Autoscale.LoadTest.Tests;

public sealed class AibrixPolicyTests
{
    private static readonly AibrixOptions Apa = new() { Strategy = AibrixStrategy.Apa };

    [Fact]
    public void Defaults_are_aibrixs_published_ones()
    {
        var o = SimConfig.Default.Aibrix;

        // samples/autoscaling/kpa.yaml: pod metric kv_cache_usage_perc, targetValue 0.5.
        Assert.Equal((AibrixStrategy.Kpa, AibrixMetric.KvCacheUsage, 0.5), (o.Strategy, o.Metric, o.TargetValue));
        // metric-based-autoscaling.rst: observeWindowSeconds 180, panicWindowSeconds 60, and the annotation defaults.
        Assert.Equal((180.0, 60.0, 2.0), (o.StableWindowSeconds, o.PanicWindowSeconds, o.PanicThreshold));
        Assert.Equal((0.1, 0.1, 2.0, 2.0), (o.UpTolerance, o.DownTolerance, o.MaxScaleUpRate, o.MaxScaleDownRate));
        Assert.Equal((0.0, 300.0, 1), (o.ScaleUpCooldownSeconds, o.ScaleDownCooldownSeconds, o.MinReplicas));
        // podautoscaler_controller.go DefaultResyncInterval.
        var policy = (AibrixPolicy)PolicyFactory.Create("aibrix", SimConfig.Default);
        Assert.Equal(("aibrix", 10.0), (policy.Name, policy.DecideEverySeconds));
    }

    [Theory]
    [InlineData(0.46, 4)]   // within [0.45, 0.55]: hold, though ceil(4 × 0.46 / 0.5) = 4 anyway
    [InlineData(0.54, 4)]   // within the band: hold, though ceil(4 × 0.54 / 0.5) = 5
    [InlineData(0.56, 5)]   // above it: ceil(2.24 / 0.5)
    [InlineData(0.30, 3)]   // below it: ceil(1.2 / 0.5)
    public void Kpa_holds_inside_its_tolerance_band(double kvPerPod, int expected)
    {
        var policy = new AibrixPolicy(new AibrixOptions(), 64);

        var decision = Feed(policy, kvPerPod, ready: 4, spec: 4, seconds: 180);

        Assert.False(policy.Panicking);
        Assert.Equal(expected, decision.Replicas);
    }

    [Fact]
    public void Kpa_scales_down_once_the_cooldown_has_passed()
    {
        var policy = new AibrixPolicy(new AibrixOptions(), 64);
        Feed(policy, 0.5, ready: 4, spec: 4, seconds: 180);

        // The stable window has to fall out of the band, then the 300 s cooldown has to pass.
        Assert.Equal(4, Feed(policy, 0.3, ready: 4, spec: 4, seconds: 120, start: 180).Replicas);
        Assert.Equal(3, Feed(policy, 0.3, ready: 4, spec: 4, seconds: 600, start: 300).Replicas);   // ceil(4 × 0.3 / 0.5)
    }

    [Fact]
    public void Kpa_panics_at_twice_the_ready_pods_and_is_capped_by_the_scale_up_rate()
    {
        var policy = new AibrixPolicy(new AibrixOptions(), 64);
        Feed(policy, 0.5, ready: 2, spec: 2, seconds: 180);

        // KV full on both pods: the 60 s panic window reaches ceil(2 × 1.0 / 0.5) = 4 = 2 × ready.
        var decision = Feed(policy, 1.0, ready: 2, spec: 2, seconds: 60, start: 180);

        Assert.True(policy.Panicking);
        Assert.Equal(4, decision.Replicas);   // max-scale-up-rate 2 × 2 ready
    }

    [Theory]
    [InlineData(0.52, 4)]   // ratio 1.04: inside the band
    [InlineData(0.75, 6)]   // ratio 1.5: ceil(4 × 1.5)
    [InlineData(1.00, 8)]   // ratio 2: ceil(4 × 2) = the 2× rate cap
    public void Apa_follows_the_current_ratio_outside_its_band(double kvPerPod, int expected)
    {
        var policy = new AibrixPolicy(Apa, 64);

        var decision = Feed(policy, kvPerPod, ready: 4, spec: 4, seconds: 10);

        Assert.Equal(expected, decision.Replicas);
    }

    [Fact]
    public void Apa_scale_down_is_limited_by_rate_and_cooldown()
    {
        var policy = new AibrixPolicy(Apa, 64);
        Feed(policy, 0.5, ready: 4, spec: 4, seconds: 10);

        Assert.Equal(4, Feed(policy, 0.05, ready: 4, spec: 4, seconds: 10, start: 10).Replicas);
        // After the 300 s cooldown: max(ceil(4 × 0.1), floor(4 / 2)) = 2.
        Assert.Equal(2, Feed(policy, 0.05, ready: 4, spec: 4, seconds: 310, start: 20).Replicas);
    }

    [Fact]
    public void Replicas_still_starting_are_not_requested_twice()
    {
        // Two ready pods at twice the target, two more already requested and loading: 4 covers it, not 8.
        var policy = new AibrixPolicy(Apa, 64);

        var decision = Feed(policy, 1.0, ready: 2, spec: 4, seconds: 10);

        Assert.Equal(4, decision.Replicas);
    }

    [Fact]
    public void No_metrics_keep_the_current_scale()
    {
        var policy = new AibrixPolicy(new AibrixOptions(), 64);
        PodView[] pods = [new("a", PodStage.Loading, 0, 0, null, 0), new("b", PodStage.Loading, 0, 0, null, 0)];

        var decision = policy.Decide(new PolicyInput(10, 2, pods, new MetricSnapshot(10, [], [])));

        Assert.Equal(2, decision.Replicas);
    }

    [Fact]
    public void Strategy_metric_and_windows_are_read_from_the_yaml()
    {
        var config = SimConfigReader.Read(new StringReader("""
            policies:
              aibrix:
                scalingStrategy: APA
                targetMetric: num_requests_waiting
                targetValue: 3
                observeWindowSeconds: 120
                panicWindowSeconds: 30
            """), "a.yaml");

        Assert.Equal(new AibrixOptions(AibrixStrategy.Apa, AibrixMetric.Waiting, 3, 120, 30), config.Aibrix);
        Assert.Throws<ConfigException>(() => SimConfigReader.Read(new StringReader("""
            policies:
              aibrix: {observeWindowSeconds: 30}
            """), "b.yaml"));
    }

    // One resync every 10 s; every ready pod reports the same KV usage; pods beyond the ready ones are loading.
    private static ScaleDecision Feed(AibrixPolicy policy, double kvPerPod, int ready, int spec, double seconds, double start = 0)
    {
        var pods = Enumerable.Range(0, spec)
            .Select(i => i < ready ? new PodView($"p{i}", PodStage.Ready, 0, 0, 0) : new PodView($"p{i}", PodStage.Loading, 0, 0, null, 0))
            .ToList();
        ScaleDecision? last = null;
        for (var t = start + 10; t <= start + seconds; t += 10)
        {
            var samples = pods.Take(ready).Select(p => new VllmSample(p.Name, t, 0, 1, kvPerPod)).ToList();
            last = policy.Decide(new PolicyInput(t, spec, pods, new MetricSnapshot(t, samples, [])));
        }

        return last ?? throw new InvalidOperationException("no decision");
    }
}
