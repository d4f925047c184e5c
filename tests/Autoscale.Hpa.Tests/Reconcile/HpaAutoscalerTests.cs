using Autoscale.Hpa.Metrics;
using Autoscale.Hpa.Pods;
using Autoscale.Hpa.Reconcile;
using Autoscale.Hpa.Spec;
using Autoscale.Hpa.Tests.Calculator;

namespace Autoscale.Hpa.Tests.Reconcile;

/// <summary>The pure reconcile step: short-circuits, multi-metric error policy, state threading.</summary>
public sealed class HpaAutoscalerTests
{
    private static readonly HpaAutoscaler Autoscaler = new(HpaControllerOptions.Default);
    private static readonly MetricIdentifier Qps = new("qps");

    private static HpaReconcileInput Input(HpaSpec spec, int replicas, HpaMetricsSnapshot metrics, HpaControllerState? state = null) =>
        new(spec, new ScaleInfo(replicas, replicas, "app=vllm"), new CalcScenario { CurrentReplicas = replicas }.Pods(), metrics, state ?? HpaControllerState.Empty, CalcScenario.Now);

    private static HpaMetricsSnapshot External(long value) =>
        new(ExternalMetrics: new Dictionary<MetricIdentifier, IReadOnlyList<ExternalMetricSample>> { [Qps] = [new ExternalMetricSample(value, CalcScenario.Now)] });

    [Fact]
    public void Zero_current_replicas_with_nonzero_min_disables_scaling()
    {
        var result = Autoscaler.Reconcile(Input(new HpaSpec(10, [MetricSpec.External(Qps, MetricTarget.Value(100))]), 0, External(1000)));

        Assert.False(result.Rescale);
        Assert.Contains(result.Conditions, c => c.Reason == "ScalingDisabled");
    }

    [Fact]
    public void Scale_up_with_behavior_is_rate_limited_and_stores_a_scale_event()
    {
        var spec = new HpaSpec(100, [MetricSpec.Pods(Qps, MetricTarget.AverageValue(1000))], 1, HpaDefaults.SetDefaults_HorizontalPodAutoscalerBehavior(new HpaBehavior()));
        var metrics = new HpaMetricsSnapshot(PodsMetrics: new Dictionary<MetricIdentifier, IReadOnlyList<PodMetricSample>>
        {
            [Qps] = [new PodMetricSample("test-pod-0", 10_000, CalcScenario.Now), new PodMetricSample("test-pod-1", 10_000, CalcScenario.Now)],
        });

        var result = Autoscaler.Reconcile(Input(spec, 2, metrics));

        Assert.True(result.Rescale);
        Assert.Equal(6, result.DesiredReplicas); // max(2 + 4 pods, 2 * 200%) per 15 s
        Assert.Equal("pods metric qps above target", result.RescaleReason);
        Assert.Contains(result.Conditions, c => c.Reason == "ScaleUpLimit");
        Assert.Equal(4, Assert.Single(result.NewState.ScaleUpEvents).ReplicaChange);
        Assert.Empty(result.StateIfRescaleFails.ScaleUpEvents);
    }

    [Fact]
    public void A_failed_metric_blocks_scale_down_but_not_scale_up()
    {
        MetricSpec[] metrics = [MetricSpec.External(Qps, MetricTarget.Value(100)), MetricSpec.External(new MetricIdentifier("missing"), MetricTarget.Value(100))];

        var down = Autoscaler.Reconcile(Input(new HpaSpec(10, metrics), 4, External(10)));
        var up = Autoscaler.Reconcile(Input(new HpaSpec(10, metrics), 4, External(1000)));

        Assert.False(down.Rescale);
        Assert.Contains(down.Conditions, c => c.Reason == "FailedGetExternalMetric");
        Assert.NotNull(down.Error);
        Assert.True(up.Rescale);
        Assert.Equal(8, up.DesiredReplicas); // legacy path: max(2 * 4, 4)
        Assert.NotNull(up.Error);
    }

    [Fact]
    public void Legacy_path_holds_scale_down_for_the_stabilisation_window_after_first_sighting()
    {
        var spec = new HpaSpec(10, [MetricSpec.External(Qps, MetricTarget.Value(100))]);

        var first = Autoscaler.Reconcile(Input(spec, 4, External(10)));

        Assert.False(first.Rescale);
        Assert.Contains(first.Conditions, c => c.Reason == "ScaleDownStabilized");
        Assert.Equal([4, 1], first.NewState.Recommendations!.Select(r => r.Recommendation));
    }

    [Fact]
    public void Per_hpa_tolerance_overrides_the_cluster_tolerance()
    {
        var behavior = new HpaBehavior(ScaleUp: new HpaScalingRules(Tolerance: 0.5));

        Assert.Equal(new Hpa.Calculator.Tolerances(0.1, 0.5), Autoscaler.TolerancesForHpa(behavior));
        Assert.Equal(new Hpa.Calculator.Tolerances(0.1, 0.1), new HpaAutoscaler(HpaControllerOptions.Default with { ConfigurableToleranceEnabled = false }).TolerancesForHpa(behavior));
    }
}
