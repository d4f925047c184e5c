using Autoscale.Hpa.Normalization;
using Autoscale.Hpa.Pods;
using static Autoscale.Hpa.Tests.Reconcile.ExpectedCondition;
using static Autoscale.Hpa.Tests.Reconcile.HorizontalHarness;
using static Autoscale.Hpa.Tests.Reconcile.HorizontalTestCase;
using A = Autoscale.Hpa.Reconcile.MonitorActionLabel;
using E = Autoscale.Hpa.Reconcile.MonitorErrorLabel;
using T = Autoscale.Hpa.Spec.MetricSourceType;

namespace Autoscale.Hpa.Tests.Reconcile;

/// <summary>
/// horizontal_test.go scale-down cases run through reconcileAutoscaler. Each key is upstream's test name without its
/// "Test" prefix. Most set an empty recommendation history so the first-sighting seed does not stabilise them.
/// </summary>
public sealed class ScaleDownTests
{
    private const ConditionStatus F = ConditionStatus.False;
    private const ConditionStatus Tr = ConditionStatus.True;

    private static readonly Dictionary<string, HorizontalTestCase> Cases = new()
    {
        ["ScaleDown"] = new()
        {
            MinReplicas = 2, MaxReplicas = 6, SpecReplicas = 5, StatusReplicas = 5, ExpectedDesiredReplicas = 3, CpuTarget = 50, VerifyCpuCurrent = true,
            ReportedLevels = [100, 300, 500, 250, 250], ReportedCpuRequests = Same(5, 1000), Recommendations = [],
            ExpectedReportedReconciliationActionLabel = A.ScaleDown,
            ExpectedReportedMetricComputationActionLabels = Actions((T.Resource, A.ScaleDown)), ExpectedReportedMetricComputationErrorLabels = Errors((T.Resource, E.None)),
        },
        ["ScaleDownContainerResource"] = new()
        {
            MinReplicas = 2, MaxReplicas = 6, SpecReplicas = 5, StatusReplicas = 5, ExpectedDesiredReplicas = 3,
            ReportedLevels = [100, 300, 500, 250, 250], ReportedCpuRequests = Same(5, 1000), MetricsTarget = [ContainerCpu("container2", 50)], Recommendations = [],
            ExpectedReportedReconciliationActionLabel = A.ScaleDown,
            ExpectedReportedMetricComputationActionLabels = Actions((T.ContainerResource, A.ScaleDown)), ExpectedReportedMetricComputationErrorLabels = Errors((T.ContainerResource, E.None)),
        },
        ["ScaleDownWithScalingRules"] = new()
        {
            MinReplicas = 2, MaxReplicas = 6, ScaleUpRules = Normalization.Rules.Generate(0, 0, 100, 15, 30), SpecReplicas = 5, StatusReplicas = 5, ExpectedDesiredReplicas = 3,
            CpuTarget = 50, VerifyCpuCurrent = true, ReportedLevels = [100, 300, 500, 250, 250], ReportedCpuRequests = Same(5, 1000), Recommendations = [],
            ExpectedReportedReconciliationActionLabel = A.ScaleDown,
            ExpectedReportedMetricComputationActionLabels = Actions((T.Resource, A.ScaleDown)), ExpectedReportedMetricComputationErrorLabels = Errors((T.Resource, E.None)),
        },

        // No history: the first sighting seeds {5, now}, and the 5 m window holds the scale-down.
        ["ScaleDownStabilizeInitialSize"] = new()
        {
            MinReplicas = 2, MaxReplicas = 6, SpecReplicas = 5, StatusReplicas = 5, ExpectedDesiredReplicas = 5, CpuTarget = 50, VerifyCpuCurrent = true,
            ReportedLevels = [100, 300, 500, 250, 250], ReportedCpuRequests = Same(5, 1000), Recommendations = null,
            ExpectedConditions = StatusOkWithOverrides(Able("ReadyForNewScale"), Able("ScaleDownStabilized")),
            ExpectedReportedMetricComputationActionLabels = Actions((T.Resource, A.ScaleDown)), ExpectedReportedMetricComputationErrorLabels = Errors((T.Resource, E.None)),
        },
        ["ScaleDownCM"] = new()
        {
            MinReplicas = 2, MaxReplicas = 6, SpecReplicas = 5, StatusReplicas = 5, ExpectedDesiredReplicas = 3, MetricsTarget = [PodsQps(20000)],
            ReportedLevels = [12000, 12000, 12000, 12000, 12000], ReportedCpuRequests = Same(5, 1000), Recommendations = [],
            ExpectedReportedReconciliationActionLabel = A.ScaleDown,
            ExpectedReportedMetricComputationActionLabels = Actions((T.Pods, A.ScaleDown)), ExpectedReportedMetricComputationErrorLabels = Errors((T.Pods, E.None)),
        },
        ["ScaleDownCMObject"] = new()
        {
            MinReplicas = 2, MaxReplicas = 6, SpecReplicas = 5, StatusReplicas = 5, ExpectedDesiredReplicas = 3, MetricsTarget = [ObjectQps(20000)],
            ReportedLevels = [12000], ReportedCpuRequests = Same(5, 1000), Recommendations = [],
            ExpectedReportedReconciliationActionLabel = A.ScaleDown,
            ExpectedReportedMetricComputationActionLabels = Actions((T.Object, A.ScaleDown)), ExpectedReportedMetricComputationErrorLabels = Errors((T.Object, E.None)),
        },
        ["ScaleDownToZeroCMObject"] = new()
        {
            MinReplicas = 0, MaxReplicas = 6, SpecReplicas = 5, StatusReplicas = 5, ExpectedDesiredReplicas = 0, MetricsTarget = [ObjectQps(20000)],
            ReportedLevels = [0], ReportedCpuRequests = Same(5, 1000), Recommendations = [],
            ExpectedReportedReconciliationActionLabel = A.ScaleDown,
            ExpectedReportedMetricComputationActionLabels = Actions((T.Object, A.ScaleDown)), ExpectedReportedMetricComputationErrorLabels = Errors((T.Object, E.None)),
        },
        ["ScaleDownPerPodCMObject"] = new()
        {
            MinReplicas = 2, MaxReplicas = 6, SpecReplicas = 5, StatusReplicas = 5, ExpectedDesiredReplicas = 3, MetricsTarget = [ObjectQpsPerPod(20000)],
            ReportedLevels = [60000], ReportedCpuRequests = Same(5, 1000), Recommendations = [],
            ExpectedReportedReconciliationActionLabel = A.ScaleDown,
            ExpectedReportedMetricComputationActionLabels = Actions((T.Object, A.ScaleDown)), ExpectedReportedMetricComputationErrorLabels = Errors((T.Object, E.None)),
        },
        ["ScaleDownCMExternal"] = new()
        {
            MinReplicas = 2, MaxReplicas = 6, SpecReplicas = 5, StatusReplicas = 5, ExpectedDesiredReplicas = 3, MetricsTarget = [ExternalQps(14400)],
            ReportedLevels = [8600], Recommendations = [],
            ExpectedReportedReconciliationActionLabel = A.ScaleDown,
            ExpectedReportedMetricComputationActionLabels = Actions((T.External, A.ScaleDown)), ExpectedReportedMetricComputationErrorLabels = Errors((T.External, E.None)),
        },
        ["ScaleDownToZeroCMExternal"] = new()
        {
            MinReplicas = 0, MaxReplicas = 6, SpecReplicas = 5, StatusReplicas = 5, ExpectedDesiredReplicas = 0, MetricsTarget = [ExternalQps(14400)],
            ReportedLevels = [0], Recommendations = [],
            ExpectedReportedReconciliationActionLabel = A.ScaleDown,
            ExpectedReportedMetricComputationActionLabels = Actions((T.External, A.ScaleDown)), ExpectedReportedMetricComputationErrorLabels = Errors((T.External, E.None)),
        },
        ["ScaleDownPerPodCMExternal"] = new()
        {
            MinReplicas = 2, MaxReplicas = 6, SpecReplicas = 5, StatusReplicas = 5, ExpectedDesiredReplicas = 3, MetricsTarget = [ExternalQpsPerPod(3000)],
            ReportedLevels = [8600], Recommendations = [],
            ExpectedReportedReconciliationActionLabel = A.ScaleDown,
            ExpectedReportedMetricComputationActionLabels = Actions((T.External, A.ScaleDown)), ExpectedReportedMetricComputationErrorLabels = Errors((T.External, E.None)),
        },
        ["ScaleDownIncludeUnreadyPods"] = new()
        {
            MinReplicas = 2, MaxReplicas = 6, SpecReplicas = 5, StatusReplicas = 5, ExpectedDesiredReplicas = 2, CpuTarget = 50, CpuCurrent = 30, VerifyCpuCurrent = true,
            ReportedLevels = [100, 300, 500, 250, 250], ReportedCpuRequests = Same(5, 1000), ReportedPodReadiness = [Tr, Tr, Tr, F, F], Recommendations = [],
            ExpectedReportedReconciliationActionLabel = A.ScaleDown,
            ExpectedReportedMetricComputationActionLabels = Actions((T.Resource, A.ScaleDown)), ExpectedReportedMetricComputationErrorLabels = Errors((T.Resource, E.None)),
        },
        ["ScaleDownIgnoreHotCpuPods"] = new()
        {
            MinReplicas = 2, MaxReplicas = 6, SpecReplicas = 5, StatusReplicas = 5, ExpectedDesiredReplicas = 2, CpuTarget = 50, CpuCurrent = 30, VerifyCpuCurrent = true,
            ReportedLevels = [100, 300, 500, 250, 250], ReportedCpuRequests = Same(5, 1000), Recommendations = [],
            ReportedPodStartTime = [CoolCpuCreationTime, CoolCpuCreationTime, CoolCpuCreationTime, HotCpuCreationTime, HotCpuCreationTime],
            ExpectedReportedReconciliationActionLabel = A.ScaleDown,
            ExpectedReportedMetricComputationActionLabels = Actions((T.Resource, A.ScaleDown)), ExpectedReportedMetricComputationErrorLabels = Errors((T.Resource, E.None)),
        },
        ["ScaleDownIgnoresFailedPods"] = new()
        {
            MinReplicas = 2, MaxReplicas = 6, SpecReplicas = 5, StatusReplicas = 5, ExpectedDesiredReplicas = 3, CpuTarget = 50, CpuCurrent = 28, VerifyCpuCurrent = true,
            ReportedLevels = [100, 300, 500, 250, 250], ReportedCpuRequests = Same(7, 1000), ReportedPodReadiness = [Tr, Tr, Tr, Tr, Tr, F, F],
            ReportedPodPhase = [PodPhase.Running, PodPhase.Running, PodPhase.Running, PodPhase.Running, PodPhase.Running, PodPhase.Failed, PodPhase.Failed],
            Recommendations = [],
            ExpectedReportedReconciliationActionLabel = A.ScaleDown,
            ExpectedReportedMetricComputationActionLabels = Actions((T.Resource, A.ScaleDown)), ExpectedReportedMetricComputationErrorLabels = Errors((T.Resource, E.None)),
        },
        ["ScaleDownIgnoresDeletionPods"] = new()
        {
            MinReplicas = 2, MaxReplicas = 6, SpecReplicas = 5, StatusReplicas = 5, ExpectedDesiredReplicas = 3, CpuTarget = 50, CpuCurrent = 28, VerifyCpuCurrent = true,
            ReportedLevels = [100, 300, 500, 250, 250], ReportedCpuRequests = Same(7, 1000), ReportedPodReadiness = [Tr, Tr, Tr, Tr, Tr, F, F],
            ReportedPodPhase = [.. Enumerable.Repeat(PodPhase.Running, 7)], ReportedPodDeletionTimestamp = [false, false, false, false, false, true, true],
            Recommendations = [],
            ExpectedReportedReconciliationActionLabel = A.ScaleDown,
            ExpectedReportedMetricComputationActionLabels = Actions((T.Resource, A.ScaleDown)), ExpectedReportedMetricComputationErrorLabels = Errors((T.Resource, E.None)),
        },

        // A failing metric blocks a scale-down: invalid spec (NoScaleDownOneMetricInvalid) or a failed fetch, which
        // upstream injects with an external metrics client reactor and the snapshot here simply lacks.
        ["NoScaleDownOneMetricInvalid"] = new()
        {
            MinReplicas = 2, MaxReplicas = 6, SpecReplicas = 5, StatusReplicas = 5, ExpectedDesiredReplicas = 5, CpuTarget = 50, MetricsTarget = [CheddarCheeseMetric],
            ReportedLevels = [100, 300, 500, 250, 250], ReportedCpuRequests = Same(5, 1000), Recommendations = [],
            ExpectedConditions = [Able("SucceededGetScale"), Active("InvalidMetricSourceType")],
            ExpectedReportedReconciliationErrorLabel = E.Internal,
            ExpectedReportedMetricComputationActionLabels = Actions((T.Resource, A.ScaleDown), (CheddarCheese, A.None)),
            ExpectedReportedMetricComputationErrorLabels = Errors((T.Resource, E.None), (CheddarCheese, E.Spec)),
        },
        ["NoScaleDownOneMetricEmpty"] = new()
        {
            MinReplicas = 2, MaxReplicas = 6, SpecReplicas = 5, StatusReplicas = 5, ExpectedDesiredReplicas = 5, CpuTarget = 50, MetricsTarget = [ExternalQps(1000)],
            ReportedLevels = [100, 300, 500, 250, 250], ReportedCpuRequests = Same(5, 1000), Recommendations = [], ExternalMetricsFail = true,
            ExpectedConditions = [Able("SucceededGetScale"), Active("FailedGetExternalMetric")],
            ExpectedReportedReconciliationErrorLabel = E.Internal,
            ExpectedReportedMetricComputationActionLabels = Actions((T.Resource, A.ScaleDown), (T.External, A.None)),
            ExpectedReportedMetricComputationErrorLabels = Errors((T.Resource, E.None), (T.External, E.Internal)),
        },
        ["StabilizeDownscale"] = new()
        {
            MinReplicas = 1, MaxReplicas = 5, SpecReplicas = 4, StatusReplicas = 4, ExpectedDesiredReplicas = 4, CpuTarget = 100,
            ReportedLevels = [50, 50, 50], ReportedCpuRequests = Same(3, 100),
            Recommendations = [new TimestampedRecommendation(10, Now.AddMinutes(-10)), new TimestampedRecommendation(4, Now.AddMinutes(-1))],
            ExpectedConditions = StatusOkWithOverrides(Able("ReadyForNewScale"), Able("ScaleDownStabilized")),
            ExpectedReportedMetricComputationActionLabels = Actions((T.Resource, A.ScaleDown)), ExpectedReportedMetricComputationErrorLabels = Errors((T.Resource, E.None)),
        },
    };

    public static TheoryData<string> Names => [.. Cases.Keys];

    [Theory]
    [MemberData(nameof(Names))]
    public void ReconcileAutoscaler(string name) => RunTest(Cases[name]);
}
