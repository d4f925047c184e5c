using Autoscale.Hpa.Pods;
using static Autoscale.Hpa.Tests.Reconcile.ExpectedCondition;
using static Autoscale.Hpa.Tests.Reconcile.HorizontalHarness;
using A = Autoscale.Hpa.Reconcile.MonitorActionLabel;
using E = Autoscale.Hpa.Reconcile.MonitorErrorLabel;
using T = Autoscale.Hpa.Spec.MetricSourceType;

namespace Autoscale.Hpa.Tests.Reconcile;

/// <summary>
/// horizontal_test.go cases on tolerance, min/max replicas, the legacy upscale cap, missing and superfluous metrics
/// and events, run through reconcileAutoscaler. Each key is upstream's test name without its "Test" prefix.
/// </summary>
public sealed class ToleranceAndBoundsTests
{
    private static readonly Dictionary<string, HorizontalTestCase> Cases = new()
    {
        ["Tolerance"] = new()
        {
            MinReplicas = 1, MaxReplicas = 5, SpecReplicas = 3, StatusReplicas = 3, ExpectedDesiredReplicas = 3, CpuTarget = 100,
            ReportedLevels = [1010, 1030, 1020], ReportedCpuRequests = Requests(900, 1000, 1100),
            ExpectedConditions = StatusOkWithOverrides(Able("ReadyForNewScale")),
            ExpectedReportedMetricComputationActionLabels = Actions((T.Resource, A.None)), ExpectedReportedMetricComputationErrorLabels = Errors((T.Resource, E.None)),
        },
        ["ToleranceCM"] = new()
        {
            MinReplicas = 1, MaxReplicas = 5, SpecReplicas = 3, StatusReplicas = 3, ExpectedDesiredReplicas = 3, MetricsTarget = [PodsQps(20000)],
            ReportedLevels = [20000, 20001, 21000], ReportedCpuRequests = Requests(900, 1000, 1100),
            ExpectedConditions = StatusOkWithOverrides(Able("ReadyForNewScale")),
            ExpectedReportedMetricComputationActionLabels = Actions((T.Pods, A.None)), ExpectedReportedMetricComputationErrorLabels = Errors((T.Pods, E.None)),
        },
        ["ToleranceCMObject"] = new()
        {
            MinReplicas = 1, MaxReplicas = 5, SpecReplicas = 3, StatusReplicas = 3, ExpectedDesiredReplicas = 3, MetricsTarget = [ObjectQps(20000)],
            ReportedLevels = [20050], ReportedCpuRequests = Requests(900, 1000, 1100),
            ExpectedConditions = StatusOkWithOverrides(Able("ReadyForNewScale")),
            ExpectedReportedMetricComputationActionLabels = Actions((T.Object, A.None)), ExpectedReportedMetricComputationErrorLabels = Errors((T.Object, E.None)),
        },
        ["ToleranceCMExternal"] = new()
        {
            MinReplicas = 2, MaxReplicas = 6, SpecReplicas = 4, StatusReplicas = 4, ExpectedDesiredReplicas = 4, MetricsTarget = [ExternalQps(8666)],
            ReportedLevels = [8600],
            ExpectedConditions = StatusOkWithOverrides(Able("ReadyForNewScale")),
            ExpectedReportedMetricComputationActionLabels = Actions((T.External, A.None)), ExpectedReportedMetricComputationErrorLabels = Errors((T.External, E.None)),
        },
        ["TolerancePerPodCMObject"] = new()
        {
            MinReplicas = 2, MaxReplicas = 6, SpecReplicas = 4, StatusReplicas = 4, ExpectedDesiredReplicas = 4, MetricsTarget = [ObjectQpsPerPod(2200)],
            ReportedLevels = [8600],
            ExpectedConditions = StatusOkWithOverrides(Able("ReadyForNewScale")),
            ExpectedReportedMetricComputationActionLabels = Actions((T.Object, A.None)), ExpectedReportedMetricComputationErrorLabels = Errors((T.Object, E.None)),
        },
        ["TolerancePerPodCMExternal"] = new()
        {
            MinReplicas = 2, MaxReplicas = 6, SpecReplicas = 4, StatusReplicas = 4, ExpectedDesiredReplicas = 4, MetricsTarget = [ExternalQpsPerPod(2200)],
            ReportedLevels = [8600],
            ExpectedConditions = StatusOkWithOverrides(Able("ReadyForNewScale")),
            ExpectedReportedMetricComputationActionLabels = Actions((T.External, A.None)), ExpectedReportedMetricComputationErrorLabels = Errors((T.External, E.None)),
        },
        ["MinReplicas"] = new()
        {
            MinReplicas = 2, MaxReplicas = 5, SpecReplicas = 3, StatusReplicas = 3, ExpectedDesiredReplicas = 2, CpuTarget = 90,
            ReportedLevels = [10, 95, 10], ReportedCpuRequests = Requests(900, 1000, 1100), Recommendations = [],
            ExpectedConditions = StatusOkWithOverrides(Limited("TooFewReplicas")),
            ExpectedReportedReconciliationActionLabel = A.ScaleDown,
            ExpectedReportedMetricComputationActionLabels = Actions((T.Resource, A.ScaleDown)), ExpectedReportedMetricComputationErrorLabels = Errors((T.Resource, E.None)),
        },
        ["ZeroMinReplicasDesiredZero"] = new()
        {
            MinReplicas = 0, MaxReplicas = 5, SpecReplicas = 3, StatusReplicas = 3, ExpectedDesiredReplicas = 0, CpuTarget = 90,
            ReportedLevels = [0, 0, 0], ReportedCpuRequests = Requests(900, 1000, 1100), Recommendations = [],
            ExpectedConditions = StatusOkWithOverrides(Limited("DesiredWithinRange", ConditionStatus.False)),
            ExpectedReportedReconciliationActionLabel = A.ScaleDown,
            ExpectedReportedMetricComputationActionLabels = Actions((T.Resource, A.ScaleDown)), ExpectedReportedMetricComputationErrorLabels = Errors((T.Resource, E.None)),
        },
        ["MinReplicasDesiredZero"] = new()
        {
            MinReplicas = 2, MaxReplicas = 5, SpecReplicas = 3, StatusReplicas = 3, ExpectedDesiredReplicas = 2, CpuTarget = 90,
            ReportedLevels = [0, 0, 0], ReportedCpuRequests = Requests(900, 1000, 1100), Recommendations = [],
            ExpectedConditions = StatusOkWithOverrides(Limited("TooFewReplicas")),
            ExpectedReportedReconciliationActionLabel = A.ScaleDown,
            ExpectedReportedMetricComputationActionLabels = Actions((T.Resource, A.ScaleDown)), ExpectedReportedMetricComputationErrorLabels = Errors((T.Resource, E.None)),
        },
        ["ZeroReplicas"] = new()
        {
            MinReplicas = 3, MaxReplicas = 5, SpecReplicas = 0, StatusReplicas = 0, ExpectedDesiredReplicas = 0, CpuTarget = 90,
            ReportedLevels = [], ReportedCpuRequests = [],
            ExpectedConditions = [Able("SucceededGetScale"), Active("ScalingDisabled")],
        },
        ["TooFewReplicas"] = new()
        {
            MinReplicas = 3, MaxReplicas = 5, SpecReplicas = 2, StatusReplicas = 2, ExpectedDesiredReplicas = 3, CpuTarget = 90,
            ReportedLevels = [], ReportedCpuRequests = [],
            ExpectedConditions = [Able("SucceededRescale")],
            ExpectedReportedReconciliationActionLabel = A.ScaleUp,
        },
        ["TooManyReplicas"] = new()
        {
            MinReplicas = 3, MaxReplicas = 5, SpecReplicas = 10, StatusReplicas = 10, ExpectedDesiredReplicas = 5, CpuTarget = 90,
            ReportedLevels = [], ReportedCpuRequests = [],
            ExpectedConditions = [Able("SucceededRescale")],
            ExpectedReportedReconciliationActionLabel = A.ScaleDown,
        },
        ["MaxReplicas"] = new()
        {
            MinReplicas = 2, MaxReplicas = 5, SpecReplicas = 3, StatusReplicas = 3, ExpectedDesiredReplicas = 5, CpuTarget = 90,
            ReportedLevels = [8000, 9500, 1000], ReportedCpuRequests = Requests(900, 1000, 1100),
            ExpectedConditions = StatusOkWithOverrides(Limited("TooManyReplicas")),
            ExpectedReportedReconciliationActionLabel = A.ScaleUp,
            ExpectedReportedMetricComputationActionLabels = Actions((T.Resource, A.ScaleUp)), ExpectedReportedMetricComputationErrorLabels = Errors((T.Resource, E.None)),
        },
        ["SuperfluousMetrics"] = new()
        {
            MinReplicas = 2, MaxReplicas = 6, SpecReplicas = 4, StatusReplicas = 4, ExpectedDesiredReplicas = 6, CpuTarget = 100,
            ReportedLevels = [4000, 9500, 3000, 7000, 3200, 2000], ReportedCpuRequests = Same(4, 1000),
            ExpectedConditions = StatusOkWithOverrides(Limited("TooManyReplicas")),
            ExpectedReportedReconciliationActionLabel = A.ScaleUp,
            ExpectedReportedMetricComputationActionLabels = Actions((T.Resource, A.ScaleUp)), ExpectedReportedMetricComputationErrorLabels = Errors((T.Resource, E.None)),
        },
        ["MissingMetrics"] = new()
        {
            MinReplicas = 2, MaxReplicas = 6, SpecReplicas = 4, StatusReplicas = 4, ExpectedDesiredReplicas = 3, CpuTarget = 100,
            ReportedLevels = [400, 95], ReportedCpuRequests = Same(4, 1000), Recommendations = [],
            ExpectedReportedReconciliationActionLabel = A.ScaleDown,
            ExpectedReportedMetricComputationActionLabels = Actions((T.Resource, A.ScaleDown)), ExpectedReportedMetricComputationErrorLabels = Errors((T.Resource, E.None)),
        },
        ["EmptyMetrics"] = new()
        {
            MinReplicas = 2, MaxReplicas = 6, SpecReplicas = 4, StatusReplicas = 4, ExpectedDesiredReplicas = 4, CpuTarget = 100,
            ReportedLevels = [], ReportedCpuRequests = Same(4, 1000),
            ExpectedConditions = [Able("SucceededGetScale"), Active("FailedGetResourceMetric")],
            ExpectedReportedReconciliationErrorLabel = E.Internal,
            ExpectedReportedMetricComputationActionLabels = Actions((T.Resource, A.None)), ExpectedReportedMetricComputationErrorLabels = Errors((T.Resource, E.Internal)),
        },
        ["EmptyCPURequest"] = new()
        {
            MinReplicas = 1, MaxReplicas = 5, SpecReplicas = 1, StatusReplicas = 1, ExpectedDesiredReplicas = 1, CpuTarget = 100,
            ReportedLevels = [200], ReportedCpuRequests = [],
            ExpectedConditions = [Able("SucceededGetScale"), Active("FailedGetResourceMetric")],
            ExpectedReportedReconciliationErrorLabel = E.Internal,
            ExpectedReportedMetricComputationActionLabels = Actions((T.Resource, A.None)), ExpectedReportedMetricComputationErrorLabels = Errors((T.Resource, E.Internal)),
        },
        ["EventCreated"] = new()
        {
            MinReplicas = 1, MaxReplicas = 5, SpecReplicas = 1, StatusReplicas = 1, ExpectedDesiredReplicas = 2, CpuTarget = 50,
            ReportedLevels = [200], ReportedCpuRequests = Requests(200), VerifyEvents = true,
            ExpectedReportedReconciliationActionLabel = A.ScaleUp,
            ExpectedReportedMetricComputationActionLabels = Actions((T.Resource, A.ScaleUp)), ExpectedReportedMetricComputationErrorLabels = Errors((T.Resource, E.None)),
        },
        ["EventNotCreated"] = new()
        {
            MinReplicas = 1, MaxReplicas = 5, SpecReplicas = 2, StatusReplicas = 2, ExpectedDesiredReplicas = 2, CpuTarget = 50,
            ReportedLevels = [200, 200], ReportedCpuRequests = Requests(400, 400), VerifyEvents = true,
            ExpectedConditions = StatusOkWithOverrides(Able("ReadyForNewScale")),
            ExpectedReportedMetricComputationActionLabels = Actions((T.Resource, A.None)), ExpectedReportedMetricComputationErrorLabels = Errors((T.Resource, E.None)),
        },
        ["MissingReports"] = new()
        {
            MinReplicas = 1, MaxReplicas = 5, SpecReplicas = 4, StatusReplicas = 4, ExpectedDesiredReplicas = 2, CpuTarget = 50,
            ReportedLevels = [200], ReportedCpuRequests = Requests(200), Recommendations = [],
            ExpectedReportedReconciliationActionLabel = A.ScaleDown,
            ExpectedReportedMetricComputationActionLabels = Actions((T.Resource, A.ScaleDown)), ExpectedReportedMetricComputationErrorLabels = Errors((T.Resource, E.None)),
        },
        ["UpscaleCap"] = new()
        {
            MinReplicas = 1, MaxReplicas = 100, SpecReplicas = 3, StatusReplicas = 3, ScaleUpRules = Normalization.Rules.Generate(0, 0, 700, 60, 0),
            ExpectedDesiredReplicas = 24, CpuTarget = 10, ReportedLevels = [100, 200, 300], ReportedCpuRequests = Same(3, 100),
            ExpectedConditions = StatusOkWithOverrides(Limited("ScaleUpLimit")),
            ExpectedReportedReconciliationActionLabel = A.ScaleUp,
            ExpectedReportedMetricComputationActionLabels = Actions((T.Resource, A.ScaleUp)), ExpectedReportedMetricComputationErrorLabels = Errors((T.Resource, E.None)),
        },
        ["UpscaleCapGreaterThanMaxReplicas"] = new()
        {
            MinReplicas = 1, MaxReplicas = 20, SpecReplicas = 3, StatusReplicas = 3, ScaleUpRules = Normalization.Rules.Generate(0, 0, 700, 60, 0),
            ExpectedDesiredReplicas = 20, CpuTarget = 10, ReportedLevels = [100, 200, 300], ReportedCpuRequests = Same(3, 100),
            ExpectedConditions = StatusOkWithOverrides(Limited("TooManyReplicas")),
            ExpectedReportedReconciliationActionLabel = A.ScaleUp,
            ExpectedReportedMetricComputationActionLabels = Actions((T.Resource, A.ScaleUp)), ExpectedReportedMetricComputationErrorLabels = Errors((T.Resource, E.None)),
        },

        // A rollout surge: five pods for four spec replicas, all at target.
        ["MoreReplicasThanSpecNoScale"] = new()
        {
            MinReplicas = 1, MaxReplicas = 8, SpecReplicas = 4, StatusReplicas = 5, ExpectedDesiredReplicas = 4, CpuTarget = 50,
            ReportedLevels = [500, 500, 500, 500, 500], ReportedCpuRequests = Same(5, 1000),
            ExpectedConditions = StatusOkWithOverrides(Able("ReadyForNewScale")),
            ExpectedReportedMetricComputationActionLabels = Actions((T.Resource, A.None)), ExpectedReportedMetricComputationErrorLabels = Errors((T.Resource, E.None)),
        },

        // lastScaleTime "now": the forbidden windows are gone, so neither direction waits for it.
        ["NoBackoffUpscaleCM"] = new()
        {
            MinReplicas = 1, MaxReplicas = 5, SpecReplicas = 3, StatusReplicas = 3, ExpectedDesiredReplicas = 4, MetricsTarget = [PodsQps(15000)],
            ReportedLevels = [20000, 10000, 30000], ReportedCpuRequests = Same(3, 1000), LastScaleTime = HorizontalTestCase.Now,
            ExpectedConditions = StatusOkWithOverrides(Able("ReadyForNewScale"), Able("SucceededRescale"), Limited("DesiredWithinRange", ConditionStatus.False)),
            ExpectedReportedReconciliationActionLabel = A.ScaleUp,
            ExpectedReportedMetricComputationActionLabels = Actions((T.Pods, A.ScaleUp)), ExpectedReportedMetricComputationErrorLabels = Errors((T.Pods, E.None)),
        },
        ["NoBackoffUpscaleCMNoBackoffCpu"] = new()
        {
            MinReplicas = 1, MaxReplicas = 5, SpecReplicas = 3, StatusReplicas = 3, ExpectedDesiredReplicas = 5, CpuTarget = 10, MetricsTarget = [PodsQps(15000)],
            ReportedLevels = [20000, 10000, 30000], ReportedCpuRequests = Same(3, 1000), LastScaleTime = HorizontalTestCase.Now,
            ExpectedConditions = StatusOkWithOverrides(Able("ReadyForNewScale"), Able("SucceededRescale"), Limited("TooManyReplicas")),
            ExpectedReportedReconciliationActionLabel = A.ScaleUp,
            ExpectedReportedMetricComputationActionLabels = Actions((T.Resource, A.ScaleUp), (T.Pods, A.ScaleUp)),
            ExpectedReportedMetricComputationErrorLabels = Errors((T.Resource, E.None), (T.Pods, E.None)),
        },
        ["ScaleUpRCImmediately"] = new()
        {
            MinReplicas = 2, MaxReplicas = 6, SpecReplicas = 1, StatusReplicas = 1, ExpectedDesiredReplicas = 2,
            ReportedLevels = [0, 0, 0, 0], ReportedCpuRequests = Same(4, 1000), LastScaleTime = HorizontalTestCase.Now,
            ExpectedConditions = [Able("SucceededRescale")],
            ExpectedReportedReconciliationActionLabel = A.ScaleUp,
        },
        ["ScaleDownRCImmediately"] = new()
        {
            MinReplicas = 2, MaxReplicas = 5, SpecReplicas = 6, StatusReplicas = 6, ExpectedDesiredReplicas = 5, CpuTarget = 50,
            ReportedLevels = [8000, 9500, 1000], ReportedCpuRequests = Requests(900, 1000, 1100), LastScaleTime = HorizontalTestCase.Now,
            ExpectedConditions = [Able("SucceededRescale")],
            ExpectedReportedReconciliationActionLabel = A.ScaleDown,
        },
    };

    public static TheoryData<string> Names => [.. Cases.Keys];

    [Theory]
    [MemberData(nameof(Names))]
    public void ReconcileAutoscaler(string name) => RunTest(Cases[name]);

    /// <summary>
    /// TestComputedToleranceAlgImplementation: a target back-calculated from the tolerance, 0.01 above the edge
    /// scales down and 0.004 above it stays inside the tolerance.
    /// </summary>
    [Theory]
    [InlineData(0.01, true)]
    [InlineData(0.004, false)]
    public void ComputedToleranceAlgImplementation(double aboveEdge, bool scales)
    {
        const int startPods = 10;
        const long totalUsedCpuOfAllPods = startPods * 150;
        const long totalRequestedCpuOfAllPods = 2 * totalUsedCpuOfAllPods;
        double requestedToUsed = totalRequestedCpuOfAllPods / totalUsedCpuOfAllPods; // integer division, as upstream
        const long perPodRequested = totalRequestedCpuOfAllPods / startPods;
        var target = Math.Abs(1 / (requestedToUsed * (1 - 0.1))) + aboveEdge;
        var finalCpuPercentTarget = (int)(target * 100);
        var resourcesUsedRatio = totalUsedCpuOfAllPods / (totalRequestedCpuOfAllPods * target);
        var finalPods = (int)Math.Ceiling(resourcesUsedRatio * startPods);

        RunTest(new HorizontalTestCase
        {
            MinReplicas = 0, MaxReplicas = 1000, SpecReplicas = startPods, StatusReplicas = startPods,
            ExpectedDesiredReplicas = scales ? finalPods : startPods, CpuTarget = finalCpuPercentTarget,
            ReportedLevels = Same(10, totalUsedCpuOfAllPods / 10),
            ReportedCpuRequests =
            [
                perPodRequested + 100, perPodRequested - 100, perPodRequested + 10, perPodRequested - 10, perPodRequested + 2,
                perPodRequested - 2, perPodRequested + 1, perPodRequested - 1, perPodRequested, perPodRequested,
            ],
            Recommendations = [],
            ExpectedConditions = scales ? null : StatusOkWithOverrides(Able("ReadyForNewScale")),
            ExpectedReportedReconciliationActionLabel = scales ? A.ScaleDown : A.None,
            ExpectedReportedMetricComputationActionLabels = Actions((T.Resource, scales ? A.ScaleDown : A.None)),
            ExpectedReportedMetricComputationErrorLabels = Errors((T.Resource, E.None)),
        });
        if (scales)
        {
            Assert.Equal(9, finalPods); // the back-calculation itself: ceil(0.884 × 10)
        }
    }
}
