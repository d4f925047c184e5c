using Autoscale.Hpa.Pods;
using static Autoscale.Hpa.Tests.Reconcile.ExpectedCondition;
using static Autoscale.Hpa.Tests.Reconcile.HorizontalHarness;
using static Autoscale.Hpa.Tests.Reconcile.HorizontalTestCase;
using A = Autoscale.Hpa.Reconcile.MonitorActionLabel;
using E = Autoscale.Hpa.Reconcile.MonitorErrorLabel;
using T = Autoscale.Hpa.Spec.MetricSourceType;

namespace Autoscale.Hpa.Tests.Reconcile;

/// <summary>
/// horizontal_test.go scale-up cases run through reconcileAutoscaler. Each key is upstream's test name without its
/// "Test" prefix (ScaleUpUnreadyLessScale is TestScaleUpUnreadyLessScale).
/// </summary>
public sealed class ScaleUpTests
{
    private const ConditionStatus F = ConditionStatus.False;
    private const ConditionStatus Tr = ConditionStatus.True;

    private static readonly Dictionary<string, HorizontalTestCase> Cases = new()
    {
        ["ScaleUp"] = new()
        {
            MinReplicas = 2, MaxReplicas = 6, SpecReplicas = 3, StatusReplicas = 3, ExpectedDesiredReplicas = 5, CpuTarget = 30, VerifyCpuCurrent = true,
            ReportedLevels = [300, 500, 700], ReportedCpuRequests = Same(3, 1000),
            ExpectedReportedReconciliationActionLabel = A.ScaleUp,
            ExpectedReportedMetricComputationActionLabels = Actions((T.Resource, A.ScaleUp)), ExpectedReportedMetricComputationErrorLabels = Errors((T.Resource, E.None)),
        },
        ["ScaleUpContainer"] = new()
        {
            MinReplicas = 2, MaxReplicas = 6, SpecReplicas = 3, StatusReplicas = 3, ExpectedDesiredReplicas = 5,
            MetricsTarget = [ContainerCpu("container1", 30)],
            ReportedLevels = [300, 500, 700], ReportedCpuRequests = Same(3, 1000),
            ExpectedReportedReconciliationActionLabel = A.ScaleUp,
            ExpectedReportedMetricComputationActionLabels = Actions((T.ContainerResource, A.ScaleUp)), ExpectedReportedMetricComputationErrorLabels = Errors((T.ContainerResource, E.None)),
        },
        ["ScaleUpUnreadyLessScale"] = new()
        {
            MinReplicas = 2, MaxReplicas = 6, SpecReplicas = 3, StatusReplicas = 3, ExpectedDesiredReplicas = 4, CpuTarget = 30, CpuCurrent = 60, VerifyCpuCurrent = true,
            ReportedLevels = [300, 500, 700], ReportedCpuRequests = Same(3, 1000), ReportedPodReadiness = [F, Tr, Tr],
            ExpectedReportedReconciliationActionLabel = A.ScaleUp,
            ExpectedReportedMetricComputationActionLabels = Actions((T.Resource, A.ScaleUp)), ExpectedReportedMetricComputationErrorLabels = Errors((T.Resource, E.None)),
        },
        ["ScaleUpHotCpuLessScale"] = new()
        {
            MinReplicas = 2, MaxReplicas = 6, SpecReplicas = 3, StatusReplicas = 3, ExpectedDesiredReplicas = 4, CpuTarget = 30, CpuCurrent = 60, VerifyCpuCurrent = true,
            ReportedLevels = [300, 500, 700], ReportedCpuRequests = Same(3, 1000), ReportedPodStartTime = [HotCpuCreationTime, CoolCpuCreationTime, CoolCpuCreationTime],
            ExpectedReportedReconciliationActionLabel = A.ScaleUp,
            ExpectedReportedMetricComputationActionLabels = Actions((T.Resource, A.ScaleUp)), ExpectedReportedMetricComputationErrorLabels = Errors((T.Resource, E.None)),
        },
        ["ScaleUpUnreadyNoScale"] = new()
        {
            MinReplicas = 2, MaxReplicas = 6, SpecReplicas = 3, StatusReplicas = 3, ExpectedDesiredReplicas = 3, CpuTarget = 30, CpuCurrent = 40, VerifyCpuCurrent = true,
            ReportedLevels = [400, 500, 700], ReportedCpuRequests = Same(3, 1000), ReportedPodReadiness = [Tr, F, F],
            ExpectedConditions = StatusOkWithOverrides(Able("ReadyForNewScale")),
            ExpectedReportedMetricComputationActionLabels = Actions((T.Resource, A.None)), ExpectedReportedMetricComputationErrorLabels = Errors((T.Resource, E.None)),
        },
        ["ScaleUpHotCpuNoScale"] = new()
        {
            MinReplicas = 2, MaxReplicas = 6, SpecReplicas = 3, StatusReplicas = 3, ExpectedDesiredReplicas = 3, CpuTarget = 30, CpuCurrent = 40, VerifyCpuCurrent = true,
            ReportedLevels = [400, 500, 700], ReportedCpuRequests = Same(3, 1000), ReportedPodReadiness = [Tr, F, F],
            ReportedPodStartTime = [CoolCpuCreationTime, HotCpuCreationTime, HotCpuCreationTime],
            ExpectedConditions = StatusOkWithOverrides(Able("ReadyForNewScale")),
            ExpectedReportedMetricComputationActionLabels = Actions((T.Resource, A.None)), ExpectedReportedMetricComputationErrorLabels = Errors((T.Resource, E.None)),
        },
        ["ScaleUpIgnoresFailedPods"] = new()
        {
            MinReplicas = 2, MaxReplicas = 6, SpecReplicas = 2, StatusReplicas = 2, ExpectedDesiredReplicas = 4, CpuTarget = 30, CpuCurrent = 60, VerifyCpuCurrent = true,
            ReportedLevels = [500, 700], ReportedCpuRequests = Same(4, 1000), ReportedPodReadiness = [Tr, Tr, F, F],
            ReportedPodPhase = [PodPhase.Running, PodPhase.Running, PodPhase.Failed, PodPhase.Failed],
            ExpectedReportedReconciliationActionLabel = A.ScaleUp,
            ExpectedReportedMetricComputationActionLabels = Actions((T.Resource, A.ScaleUp)), ExpectedReportedMetricComputationErrorLabels = Errors((T.Resource, E.None)),
        },
        ["ScaleUpIgnoresDeletionPods"] = new()
        {
            MinReplicas = 2, MaxReplicas = 6, SpecReplicas = 2, StatusReplicas = 2, ExpectedDesiredReplicas = 4, CpuTarget = 30, CpuCurrent = 60, VerifyCpuCurrent = true,
            ReportedLevels = [500, 700], ReportedCpuRequests = Same(4, 1000), ReportedPodReadiness = [Tr, Tr, F, F],
            ReportedPodPhase = [PodPhase.Running, PodPhase.Running, PodPhase.Running, PodPhase.Running], ReportedPodDeletionTimestamp = [false, false, true, true],
            ExpectedReportedReconciliationActionLabel = A.ScaleUp,
            ExpectedReportedMetricComputationActionLabels = Actions((T.Resource, A.ScaleUp)), ExpectedReportedMetricComputationErrorLabels = Errors((T.Resource, E.None)),
        },

        // Deployment and ReplicaSet targets differ from the RC only in which /scale endpoint the caller uses.
        ["ScaleUpDeployment"] = new()
        {
            MinReplicas = 2, MaxReplicas = 6, SpecReplicas = 3, StatusReplicas = 3, ExpectedDesiredReplicas = 5, CpuTarget = 30, VerifyCpuCurrent = true,
            ReportedLevels = [300, 500, 700], ReportedCpuRequests = Same(3, 1000),
            ExpectedReportedReconciliationActionLabel = A.ScaleUp,
            ExpectedReportedMetricComputationActionLabels = Actions((T.Resource, A.ScaleUp)), ExpectedReportedMetricComputationErrorLabels = Errors((T.Resource, E.None)),
        },
        ["ScaleUpReplicaSet"] = new()
        {
            MinReplicas = 2, MaxReplicas = 6, SpecReplicas = 3, StatusReplicas = 3, ExpectedDesiredReplicas = 5, CpuTarget = 30, VerifyCpuCurrent = true,
            ReportedLevels = [300, 500, 700], ReportedCpuRequests = Same(3, 1000),
            ExpectedReportedReconciliationActionLabel = A.ScaleUp,
            ExpectedReportedMetricComputationActionLabels = Actions((T.Resource, A.ScaleUp)), ExpectedReportedMetricComputationErrorLabels = Errors((T.Resource, E.None)),
        },
        ["ScaleUpCM"] = new()
        {
            MinReplicas = 2, MaxReplicas = 6, SpecReplicas = 3, StatusReplicas = 3, ExpectedDesiredReplicas = 4, MetricsTarget = [PodsQps(15000)],
            ReportedLevels = [20000, 10000, 30000], ReportedCpuRequests = Same(3, 1000),
            ExpectedReportedReconciliationActionLabel = A.ScaleUp,
            ExpectedReportedMetricComputationActionLabels = Actions((T.Pods, A.ScaleUp)), ExpectedReportedMetricComputationErrorLabels = Errors((T.Pods, E.None)),
        },
        ["ScaleUpCMUnreadyAndHotCpuNoLessScale"] = new()
        {
            MinReplicas = 2, MaxReplicas = 6, SpecReplicas = 3, StatusReplicas = 3, ExpectedDesiredReplicas = 6, MetricsTarget = [PodsQps(15000)],
            ReportedLevels = [50000, 10000, 30000], ReportedPodReadiness = [Tr, Tr, F],
            ReportedPodStartTime = [CoolCpuCreationTime, CoolCpuCreationTime, HotCpuCreationTime], ReportedCpuRequests = Same(3, 1000),
            ExpectedReportedReconciliationActionLabel = A.ScaleUp,
            ExpectedReportedMetricComputationActionLabels = Actions((T.Pods, A.ScaleUp)), ExpectedReportedMetricComputationErrorLabels = Errors((T.Pods, E.None)),
        },
        ["ScaleUpCMUnreadyandCpuHot"] = new()
        {
            MinReplicas = 2, MaxReplicas = 6, SpecReplicas = 3, StatusReplicas = 3, ExpectedDesiredReplicas = 6, MetricsTarget = [PodsQps(15000)],
            ReportedLevels = [50000, 15000, 30000], ReportedPodReadiness = [F, Tr, F],
            ReportedPodStartTime = [HotCpuCreationTime, CoolCpuCreationTime, HotCpuCreationTime], ReportedCpuRequests = Same(3, 1000),
            ExpectedConditions = StatusOkWithOverrides(Able("SucceededRescale"), Limited("TooManyReplicas")),
            ExpectedReportedReconciliationActionLabel = A.ScaleUp,
            ExpectedReportedMetricComputationActionLabels = Actions((T.Pods, A.ScaleUp)), ExpectedReportedMetricComputationErrorLabels = Errors((T.Pods, E.None)),
        },
        ["ScaleUpHotCpuNoScaleWouldScaleDown"] = new()
        {
            MinReplicas = 2, MaxReplicas = 6, SpecReplicas = 3, StatusReplicas = 3, ExpectedDesiredReplicas = 6, MetricsTarget = [PodsQps(15000)],
            ReportedLevels = [50000, 15000, 30000], ReportedCpuRequests = Same(3, 1000),
            ReportedPodStartTime = [HotCpuCreationTime, CoolCpuCreationTime, HotCpuCreationTime],
            ExpectedConditions = StatusOkWithOverrides(Able("SucceededRescale"), Limited("TooManyReplicas")),
            ExpectedReportedReconciliationActionLabel = A.ScaleUp,
            ExpectedReportedMetricComputationActionLabels = Actions((T.Pods, A.ScaleUp)), ExpectedReportedMetricComputationErrorLabels = Errors((T.Pods, E.None)),
        },
        ["ScaleUpCMObject"] = new()
        {
            MinReplicas = 2, MaxReplicas = 6, SpecReplicas = 3, StatusReplicas = 3, ExpectedDesiredReplicas = 4, MetricsTarget = [ObjectQps(15000)],
            ReportedLevels = [20000],
            ExpectedReportedReconciliationActionLabel = A.ScaleUp,
            ExpectedReportedMetricComputationActionLabels = Actions((T.Object, A.ScaleUp)), ExpectedReportedMetricComputationErrorLabels = Errors((T.Object, E.None)),
        },
        ["ScaleUpFromZeroCMObject"] = new()
        {
            MinReplicas = 0, MaxReplicas = 6, SpecReplicas = 0, StatusReplicas = 0, ExpectedDesiredReplicas = 2, MetricsTarget = [ObjectQps(15000)],
            ReportedLevels = [20000],
            ExpectedReportedReconciliationActionLabel = A.ScaleUp,
            ExpectedReportedMetricComputationActionLabels = Actions((T.Object, A.ScaleUp)), ExpectedReportedMetricComputationErrorLabels = Errors((T.Object, E.None)),
        },
        ["ScaleUpFromZeroIgnoresToleranceCMObject"] = new()
        {
            MinReplicas = 0, MaxReplicas = 6, SpecReplicas = 0, StatusReplicas = 0, ExpectedDesiredReplicas = 1, MetricsTarget = [ObjectQps(1000)],
            ReportedLevels = [1000],
            ExpectedReportedReconciliationActionLabel = A.ScaleUp,
            ExpectedReportedMetricComputationActionLabels = Actions((T.Object, A.ScaleUp)), ExpectedReportedMetricComputationErrorLabels = Errors((T.Object, E.None)),
        },
        ["ScaleUpPerPodCMObject"] = new()
        {
            MinReplicas = 2, MaxReplicas = 6, SpecReplicas = 3, StatusReplicas = 3, ExpectedDesiredReplicas = 4, MetricsTarget = [ObjectQpsPerPod(10000)],
            ReportedLevels = [40000],
            ExpectedReportedReconciliationActionLabel = A.ScaleUp,
            ExpectedReportedMetricComputationActionLabels = Actions((T.Object, A.ScaleUp)), ExpectedReportedMetricComputationErrorLabels = Errors((T.Object, E.None)),
        },
        ["ScaleUpCMExternal"] = new()
        {
            MinReplicas = 2, MaxReplicas = 6, SpecReplicas = 3, StatusReplicas = 3, ExpectedDesiredReplicas = 4, MetricsTarget = [ExternalQps(6666)],
            ReportedLevels = [8600],
            ExpectedReportedReconciliationActionLabel = A.ScaleUp,
            ExpectedReportedMetricComputationActionLabels = Actions((T.External, A.ScaleUp)), ExpectedReportedMetricComputationErrorLabels = Errors((T.External, E.None)),
        },
        ["ScaleUpPerPodCMExternal"] = new()
        {
            MinReplicas = 2, MaxReplicas = 6, SpecReplicas = 3, StatusReplicas = 3, ExpectedDesiredReplicas = 4, MetricsTarget = [ExternalQpsPerPod(2222)],
            ReportedLevels = [8600],
            ExpectedReportedReconciliationActionLabel = A.ScaleUp,
            ExpectedReportedMetricComputationActionLabels = Actions((T.External, A.ScaleUp)), ExpectedReportedMetricComputationErrorLabels = Errors((T.External, E.None)),
        },
        ["ScaleUpOneMetricInvalid"] = new()
        {
            MinReplicas = 2, MaxReplicas = 6, SpecReplicas = 3, StatusReplicas = 3, ExpectedDesiredReplicas = 4, CpuTarget = 30, VerifyCpuCurrent = true,
            MetricsTarget = [CheddarCheeseMetric], ReportedLevels = [300, 400, 500], ReportedCpuRequests = Same(3, 1000),
            ExpectedReportedReconciliationActionLabel = A.ScaleUp, ExpectedReportedReconciliationErrorLabel = E.Internal,
            ExpectedReportedMetricComputationActionLabels = Actions((T.Resource, A.ScaleUp), (CheddarCheese, A.None)),
            ExpectedReportedMetricComputationErrorLabels = Errors((T.Resource, E.None), (CheddarCheese, E.Spec)),
        },
        ["ScaleUpFromZeroOneMetricInvalid"] = new()
        {
            MinReplicas = 0, MaxReplicas = 6, SpecReplicas = 0, StatusReplicas = 0, ExpectedDesiredReplicas = 4, CpuTarget = 30, VerifyCpuCurrent = true,
            MetricsTarget = [CheddarCheeseMetric], ReportedLevels = [300, 400, 500], ReportedCpuRequests = Same(3, 1000), Recommendations = [],
            ExpectedReportedReconciliationActionLabel = A.ScaleUp, ExpectedReportedReconciliationErrorLabel = E.Internal,
            ExpectedReportedMetricComputationActionLabels = Actions((T.Resource, A.ScaleUp), (CheddarCheese, A.None)),
            ExpectedReportedMetricComputationErrorLabels = Errors((T.Resource, E.None), (CheddarCheese, E.Spec)),
        },
        ["ScaleUpBothMetricsEmpty"] = new()
        {
            MinReplicas = 2, MaxReplicas = 6, SpecReplicas = 3, StatusReplicas = 3, ExpectedDesiredReplicas = 3,
            MetricsTarget = [CheddarCheeseMetric], ReportedLevels = [], ReportedCpuRequests = Same(3, 1000),
            ExpectedConditions = [Able("SucceededGetScale"), Active("InvalidMetricSourceType")],
            ExpectedReportedReconciliationErrorLabel = E.Internal,
            ExpectedReportedMetricComputationActionLabels = Actions((CheddarCheese, A.None)), ExpectedReportedMetricComputationErrorLabels = Errors((CheddarCheese, E.Spec)),
        },

        // Upstream makes the external metrics client fail with a reactor; here the snapshot has no external answer.
        ["ScaleUpOneMetricEmpty"] = new()
        {
            MinReplicas = 2, MaxReplicas = 6, SpecReplicas = 3, StatusReplicas = 3, ExpectedDesiredReplicas = 4, CpuTarget = 30, VerifyCpuCurrent = true,
            MetricsTarget = [ExternalQps(100)], ReportedLevels = [300, 400, 500], ReportedCpuRequests = Same(3, 1000), ExternalMetricsFail = true,
            ExpectedReportedReconciliationActionLabel = A.ScaleUp, ExpectedReportedReconciliationErrorLabel = E.Internal,
            ExpectedReportedMetricComputationActionLabels = Actions((T.Resource, A.ScaleUp), (T.External, A.None)),
            ExpectedReportedMetricComputationErrorLabels = Errors((T.Resource, E.None), (T.External, E.Internal)),
        },
    };

    public static TheoryData<string> Names => [.. Cases.Keys];

    [Theory]
    [MemberData(nameof(Names))]
    public void ReconcileAutoscaler(string name) => RunTest(Cases[name]);
}
