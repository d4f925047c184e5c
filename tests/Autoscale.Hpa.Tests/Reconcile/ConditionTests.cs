using Autoscale.Hpa;
using Autoscale.Hpa.Pods;
using Autoscale.Hpa.Reconcile;
using Autoscale.Hpa.Spec;
using static Autoscale.Hpa.Tests.Reconcile.ExpectedCondition;
using static Autoscale.Hpa.Tests.Reconcile.HorizontalHarness;
using static Autoscale.Hpa.Tests.Reconcile.HorizontalTestCase;
using A = Autoscale.Hpa.Reconcile.MonitorActionLabel;
using E = Autoscale.Hpa.Reconcile.MonitorErrorLabel;
using T = Autoscale.Hpa.Spec.MetricSourceType;

namespace Autoscale.Hpa.Tests.Reconcile;

/// <summary>
/// horizontal_test.go condition cases (TestCondition*) and TestAvoidUnnecessaryUpdates. Upstream injects failures
/// with fake-client reactors; here the failing call is the caller's, so the case feeds its outcome in: a snapshot
/// without that metrics API's answer, a selector the caller could not parse, or the failure entry points
/// <see cref="HpaAutoscaler.FailedGetScale"/> and <see cref="HpaAutoscaler.RescaleFailed"/>.
/// </summary>
public sealed class ConditionTests
{
    private static HorizontalTestCase FailedGetMetricsBase => new()
    {
        MinReplicas = 1, MaxReplicas = 100, SpecReplicas = 3, StatusReplicas = 3, ExpectedDesiredReplicas = 3,
        ReportedLevels = [100, 200, 300], ReportedCpuRequests = Same(3, 100),
        ResourceMetricsFail = true, CustomMetricsFail = true, ExternalMetricsFail = true,
        ExpectedReportedReconciliationErrorLabel = E.Internal,
    };

    private static HorizontalTestCase FailedGetMetrics(string reason, T type, MetricSpec? spec) => FailedGetMetricsBase with
    {
        CpuTarget = spec is null ? 10 : 0,
        MetricsTarget = spec is null ? [] : [spec],
        ExpectedConditions = [Able("SucceededGetScale"), Active(reason)],
        ExpectedReportedMetricComputationActionLabels = Actions((type, A.None)),
        ExpectedReportedMetricComputationErrorLabels = Errors((type, E.Internal)),
    };

    private static readonly Dictionary<string, HorizontalTestCase> Cases = new()
    {
        ["ConditionInvalidSelectorMissing"] = new()
        {
            MinReplicas = 1, MaxReplicas = 100, SpecReplicas = 3, StatusReplicas = 3, ExpectedDesiredReplicas = 3, CpuTarget = 10,
            ReportedLevels = [100, 200, 300], ReportedCpuRequests = Same(3, 100), ScaleSelector = null,
            ExpectedConditions = [Able("SucceededGetScale"), Active("InvalidSelector")],
            ExpectedReportedReconciliationErrorLabel = E.Internal,
        },

        // Upstream's scale answers selector "cheddar cheese", which labels.Parse rejects; this library never parses
        // selectors, so the caller hands over its parser's error.
        ["ConditionInvalidSelectorUnparsable"] = new()
        {
            MinReplicas = 1, MaxReplicas = 100, SpecReplicas = 3, StatusReplicas = 3, ExpectedDesiredReplicas = 3, CpuTarget = 10,
            ReportedLevels = [100, 200, 300], ReportedCpuRequests = Same(3, 100), ScaleSelector = "cheddar cheese",
            SelectorParseError = "unable to parse requirement: found 'cheese', expected: in, notin, =, ==, !=, gt, lt",
            ExpectedConditions = [Able("SucceededGetScale"), Active("InvalidSelector")],
            ExpectedReportedReconciliationErrorLabel = E.Internal,
        },

        // Upstream registers test-hpa-2 with a selector in its hpaSelectors index; the caller's index answers which
        // HPAs select the listed pods. cheddar=cheese selects none of them, so only this HPA does.
        ["ConditionNoAmbiguousSelectorWhenNoSelectorOverlapBetweenHPAs"] = new()
        {
            MinReplicas = 2, MaxReplicas = 6, SpecReplicas = 3, StatusReplicas = 3, ExpectedDesiredReplicas = 5, CpuTarget = 30,
            ReportedLevels = [300, 500, 700], ReportedCpuRequests = Same(3, 1000), SelectingHpas = ["test-namespace/test-hpa"],
            ExpectedReportedReconciliationActionLabel = A.ScaleUp,
            ExpectedReportedMetricComputationActionLabels = Actions((T.Resource, A.ScaleUp)), ExpectedReportedMetricComputationErrorLabels = Errors((T.Resource, E.None)),
        },
        // test-hpa-2 selects name=test-pod, exactly this HPA's selector.
        ["ConditionAmbiguousSelectorWhenFullSelectorOverlapBetweenHPAs"] = new()
        {
            MinReplicas = 2, MaxReplicas = 6, SpecReplicas = 3, StatusReplicas = 3, ExpectedDesiredReplicas = 3, CpuTarget = 30,
            ReportedLevels = [300, 500, 700], ReportedCpuRequests = Same(3, 1000), SelectingHpas = ["test-namespace/test-hpa", "test-namespace/test-hpa-2"],
            ExpectedConditions = [Able("SucceededGetScale"), Active("AmbiguousSelector")],
            ExpectedReportedReconciliationErrorLabel = E.Internal,
        },

        // test-hpa-2 selects cheddar=cheese, and upstream's pod reactor labels the pods with it as well.
        ["ConditionAmbiguousSelectorWhenPartialSelectorOverlapBetweenHPAs"] = new()
        {
            MinReplicas = 2, MaxReplicas = 6, SpecReplicas = 3, StatusReplicas = 3, ExpectedDesiredReplicas = 3, CpuTarget = 30,
            ReportedLevels = [300, 500, 700], ReportedCpuRequests = Same(3, 1000), SelectingHpas = ["test-namespace/test-hpa", "test-namespace/test-hpa-2"],
            ExpectedConditions = [Able("SucceededGetScale"), Active("AmbiguousSelector")],
            ExpectedReportedReconciliationErrorLabel = E.Internal,
        },
        ["ConditionFailedGetMetrics/FailedGetResourceMetric"] = FailedGetMetrics("FailedGetResourceMetric", T.Resource, null),
        ["ConditionFailedGetMetrics/FailedGetPodsMetric"] = FailedGetMetrics("FailedGetPodsMetric", T.Pods, PodsQps(15000)),
        ["ConditionFailedGetMetrics/FailedGetObjectMetric"] = FailedGetMetrics("FailedGetObjectMetric", T.Object, ObjectQps(15000)),
        ["ConditionFailedGetMetrics/FailedGetExternalMetric"] = FailedGetMetrics("FailedGetExternalMetric", T.External, ExternalQps(300)),
        ["ConditionInvalidSourceType"] = new()
        {
            MinReplicas = 2, MaxReplicas = 6, SpecReplicas = 3, StatusReplicas = 3, ExpectedDesiredReplicas = 3, MetricsTarget = [CheddarCheeseMetric],
            ReportedLevels = [20000],
            ExpectedConditions = [Able("SucceededGetScale"), Active("InvalidMetricSourceType")],
            ExpectedReportedReconciliationErrorLabel = E.Internal,
            ExpectedReportedMetricComputationActionLabels = Actions((CheddarCheese, A.None)), ExpectedReportedMetricComputationErrorLabels = Errors((CheddarCheese, E.Spec)),
        },
        ["ConditionFailedGetScale"] = new()
        {
            MinReplicas = 1, MaxReplicas = 100, SpecReplicas = 3, StatusReplicas = 3, ExpectedDesiredReplicas = 3, CpuTarget = 10,
            ReportedLevels = [100, 200, 300], ReportedCpuRequests = Same(3, 100), GetScaleError = "something went wrong",
            ExpectedConditions = [Able("FailedGetScale", ConditionStatus.False)],
            ExpectedReportedReconciliationErrorLabel = E.Internal,
        },
        ["ConditionFailedUpdateScale"] = new()
        {
            MinReplicas = 1, MaxReplicas = 5, SpecReplicas = 3, StatusReplicas = 3, ExpectedDesiredReplicas = 3, CpuTarget = 100,
            ReportedLevels = [150, 150, 150], ReportedCpuRequests = Same(3, 100), UpdateScaleError = "something went wrong",
            ExpectedConditions = StatusOkWithOverrides(Able("FailedUpdateScale", ConditionStatus.False)),
            ExpectedReportedReconciliationErrorLabel = E.Internal,
            ExpectedReportedMetricComputationActionLabels = Actions((T.Resource, A.ScaleUp)), ExpectedReportedMetricComputationErrorLabels = Errors((T.Resource, E.None)),
        },
    };

    public static TheoryData<string> Names => [.. Cases.Keys];

    [Theory]
    [MemberData(nameof(Names))]
    public void ReconcileAutoscaler(string name) => RunTest(Cases[name]);

    [Fact]
    public void Failed_metrics_record_a_warning_per_metric_then_FailedComputeMetricsReplicas()
    {
        var result = RunTest(Cases["ConditionFailedGetMetrics/FailedGetExternalMetric"]);

        Assert.Equal(["FailedGetExternalMetric", "FailedComputeMetricsReplicas"], result.Events.Select(e => e.Reason));
        Assert.All(result.Events, e => Assert.Equal(KubernetesEventType.Warning, e.Type));
        Assert.StartsWith("invalid metrics (1 invalid out of 1), first error is: unable to get external metric qps", result.Events[1].Message, StringComparison.Ordinal);
        Assert.Equal([null], result.Status.CurrentMetrics!);
    }

    [Fact]
    public void ConditionInvalidSelectorMissing_records_SelectorRequired()
    {
        var result = RunTest(Cases["ConditionInvalidSelectorMissing"]);

        Assert.Equal(
            [new KubernetesEvent(KubernetesEventType.Warning, "SelectorRequired", "selector is required"), new KubernetesEvent(KubernetesEventType.Warning, "FailedComputeMetricsReplicas", "selector is required")],
            result.Events);
        Assert.Null(result.Status.CurrentMetrics);
    }

    [Fact]
    public void ConditionFailedUpdateScale_keeps_the_scale_event_out_and_reports_FailedRescale()
    {
        var tc = Cases["ConditionFailedUpdateScale"] with { ScaleUpRules = new HpaScalingRules() };

        var result = RunTest(tc);

        Assert.Empty(result.NewState.ScaleUpEvents);
        Assert.Equal(KubernetesEventType.Warning, result.Events[^1].Type);
        Assert.Equal("FailedRescale", result.Events[^1].Reason);
        Assert.StartsWith("New size: 5; reason: cpu resource utilization (percentage of request) above target; error: something went wrong", result.Events[^1].Message, StringComparison.Ordinal);
    }

    /// <summary>
    /// TestAvoidUnnecessaryUpdates: the HPA already carries exactly the status this reconcile computes (same
    /// conditions, messages and transition times, same current metrics), so nothing is written. Upstream's reactor
    /// serves its own HPA with an 80% target; the test relies on the 400m / 40% reading of the single cool pod.
    /// </summary>
    [Fact]
    public void AvoidUnnecessaryUpdates()
    {
        var lastScaleTime = Now.AddHours(-1);
        var tc = new HorizontalTestCase
        {
            MinReplicas = 2, MaxReplicas = 6, SpecReplicas = 2, StatusReplicas = 2, ExpectedDesiredReplicas = 2, CpuTarget = 80,
            ReportedLevels = [400, 500, 700], ReportedCpuRequests = Same(3, 1000),
            ReportedPodStartTime = [CoolCpuCreationTime, HotCpuCreationTime, HotCpuCreationTime],
            LastScaleTime = lastScaleTime, Recommendations = [],
            InitialStatus = new HpaStatus(2, 2, lastScaleTime,
                [new HpaMetricStatus(T.Resource, ResourceName: "cpu", AverageValueMilli: 400, AverageUtilization: 40)],
                [
                    new HpaCondition(HpaConditionType.AbleToScale, ConditionStatus.True, "ReadyForNewScale", "recommended size matches current size", lastScaleTime),
                    new HpaCondition(HpaConditionType.ScalingActive, ConditionStatus.True, "ValidMetricFound",
                        "the HPA was able to successfully calculate a replica count from cpu resource utilization (percentage of request)", lastScaleTime),
                    new HpaCondition(HpaConditionType.ScalingLimited, ConditionStatus.True, "TooFewReplicas", "the desired replica count is less than the minimum replica count", lastScaleTime),
                ]),
            ExpectStatusUpdate = false, CpuCurrent = 40, VerifyCpuCurrent = true,
            ExpectedConditions = StatusOkWithOverrides(Able("ReadyForNewScale"), Limited("TooFewReplicas")),
            ExpectedReportedMetricComputationActionLabels = Actions((T.Resource, A.ScaleDown)), ExpectedReportedMetricComputationErrorLabels = Errors((T.Resource, E.None)),
        };

        var result = RunTest(tc);

        Assert.True(tc.InitialStatus.SemanticallyEquals(result.Status));
    }

    /// <summary>The same HPA with a status that differs only in a condition message is written again.</summary>
    [Fact]
    public void AvoidUnnecessaryUpdates_still_writes_a_changed_message()
    {
        var first = RunTest(Cases["ConditionNoAmbiguousSelectorWhenNoSelectorOverlapBetweenHPAs"] with { ExpectedConditions = null });
        var status = first.Status with { Conditions = [.. first.Status.Conditions.Select((c, i) => i == 0 ? c with { Message = "stale" } : c)] };

        Assert.False(status.SemanticallyEquals(first.Status));
    }
}
