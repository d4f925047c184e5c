using Autoscale.Hpa;
using Autoscale.Hpa.Calculator;
using Autoscale.Hpa.Pods;
using Autoscale.Hpa.Reconcile;
using Autoscale.Hpa.Spec;

namespace Autoscale.Hpa.Tests.Reconcile;

/// <summary>
/// runTest and verifyResults of horizontal_test.go, without the informers and fake clients: one reconcile of the
/// case's input, then upstream's assertions on what the status update, the scale update, the events and the monitor
/// would have seen.
/// </summary>
internal static class HorizontalHarness
{
    /// <summary>
    /// Upstream's NewHorizontalController arguments in the tests: 5 m downscale window, defaultTestingTolerance,
    /// defaultTestingCPUInitializationPeriod, defaultTestingDelayOfInitialReadinessStatus; and init() sets
    /// scaleUpLimitFactor to 8 "so we don't accidentally run into it".
    /// </summary>
    public static readonly HpaAutoscaler Controller = new(new HpaControllerOptions(
        TimeSpan.FromMinutes(5), 0.1, TimeSpan.FromMinutes(2), TimeSpan.FromSeconds(10), ScaleUpLimitFactor: 8));

    public static readonly ExpectedCondition[] NoOverrides = [];

    public static HpaReconcileResult RunTest(HorizontalTestCase tc)
    {
        var input = tc.Input();
        var result = Reconcile(tc, input);

        // The status update reactor: written, with the expected desired replicas and conditions.
        Assert.Equal(tc.ExpectStatusUpdate, result.StatusChanged);
        Assert.Equal(tc.ExpectedDesiredReplicas, result.Status.DesiredReplicas);
        Assert.Equal(tc.ExpectedConditions ?? ExpectedCondition.StatusOkWithOverrides(), result.Status.Conditions.Select(ExpectedCondition.Of));
        Assert.Equal(result.Conditions, result.Status.Conditions);
        if (tc.VerifyCpuCurrent)
        {
            var cpu = result.Status.CurrentMetrics?.FirstOrDefault(m => m is { Type: MetricSourceType.Resource, ResourceName: PodGrouping.Cpu, AverageUtilization: not null });
            Assert.NotNull(cpu);
            Assert.Equal(tc.ExpectedCpuCurrent(), cpu.AverageUtilization);
        }

        // The scale update reactor: only when the replica count changes, and to the expected count.
        Assert.Equal(tc.SpecReplicas != tc.ExpectedDesiredReplicas, result.Rescale);
        Assert.Equal(result.Rescale ? tc.ExpectedDesiredReplicas : tc.SpecReplicas, result.DesiredReplicas);

        if (tc.VerifyEvents)
        {
            if (tc.SpecReplicas != tc.ExpectedDesiredReplicas)
            {
                var rescale = Assert.Single(result.Events);
                Assert.Equal(new KubernetesEvent(KubernetesEventType.Normal, "SuccessfulRescale",
                    $"New size: {tc.ExpectedDesiredReplicas}; reason: cpu resource utilization (percentage of request) above target"), rescale);
            }
            else
            {
                Assert.Empty(result.Events);
            }
        }

        // verifyRecordedMetric: the first observation per metric type.
        Assert.Equal(tc.ExpectedReportedReconciliationActionLabel, result.ActionLabel);
        Assert.Equal(tc.ExpectedReportedReconciliationErrorLabel, result.ErrorLabel);
        var first = result.MetricComputations.GroupBy(m => m.Type).ToDictionary(g => g.Key, g => g.First());
        Assert.Equal(tc.ExpectedReportedMetricComputationActionLabels.OrderBy(kv => kv.Key), first.ToDictionary(kv => kv.Key, kv => kv.Value.Action).OrderBy(kv => kv.Key));
        Assert.Equal(tc.ExpectedReportedMetricComputationErrorLabels.OrderBy(kv => kv.Key), first.ToDictionary(kv => kv.Key, kv => kv.Value.Error).OrderBy(kv => kv.Key));
        return result;
    }

    // The reactors that fail /scale reads or writes become the library's failure entry points.
    private static HpaReconcileResult Reconcile(HorizontalTestCase tc, HpaReconcileInput input)
    {
        if (tc.GetScaleError is { } getError)
        {
            return HpaAutoscaler.FailedGetScale(input.Status, input.State, getError, input.Now);
        }

        var result = Controller.Reconcile(input);
        return tc.UpdateScaleError is { } updateError && result.Rescale ? Controller.RescaleFailed(input, result, updateError) : result;
    }

    public static Dictionary<MetricSourceType, MonitorActionLabel> Actions(params (MetricSourceType Type, MonitorActionLabel Label)[] labels) =>
        labels.ToDictionary(l => l.Type, l => l.Label);

    public static Dictionary<MetricSourceType, MonitorErrorLabel> Errors(params (MetricSourceType Type, MonitorErrorLabel Label)[] labels) =>
        labels.ToDictionary(l => l.Type, l => l.Label);

    public static long[] Requests(params long[] milli) => milli;

    public static long[] Same(int n, long milli) => [.. Enumerable.Repeat(milli, n)];

    /// <summary>Upstream's MetricSourceType "CheddarCheese": a type the API server would have rejected.</summary>
    public static readonly MetricSourceType CheddarCheese = (MetricSourceType)42;

    public static MetricSpec CheddarCheeseMetric => new(CheddarCheese, new MetricTarget(MetricTargetType.Value));

    public static MetricSpec ContainerCpu(string container, int utilization) =>
        MetricSpec.ContainerResource(PodGrouping.Cpu, container, MetricTarget.Utilization(utilization));

    public static MetricSpec PodsQps(long averageMilli) => MetricSpec.Pods(HorizontalTestCase.Qps, MetricTarget.AverageValue(averageMilli));

    public static MetricSpec ObjectQps(long valueMilli) => MetricSpec.Object(HorizontalTestCase.SomeDeployment, HorizontalTestCase.Qps, MetricTarget.Value(valueMilli));

    public static MetricSpec ObjectQpsPerPod(long averageMilli) =>
        MetricSpec.Object(HorizontalTestCase.SomeDeployment, HorizontalTestCase.Qps, MetricTarget.AverageValue(averageMilli));

    // Upstream's external selector is &metav1.LabelSelector{}, which selects everything and is sent as "".
    public static MetricSpec ExternalQps(long valueMilli) => MetricSpec.External(HorizontalTestCase.Qps, MetricTarget.Value(valueMilli));

    public static MetricSpec ExternalQpsPerPod(long averageMilli) => MetricSpec.External(HorizontalTestCase.Qps, MetricTarget.AverageValue(averageMilli));

    public static ExpectedCondition Able(string reason, ConditionStatus status = ConditionStatus.True) => new(HpaConditionType.AbleToScale, status, reason);

    public static ExpectedCondition Active(string reason, ConditionStatus status = ConditionStatus.False) => new(HpaConditionType.ScalingActive, status, reason);

    public static ExpectedCondition Limited(string reason, ConditionStatus status = ConditionStatus.True) => new(HpaConditionType.ScalingLimited, status, reason);
}
