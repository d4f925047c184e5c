using Autoscale.Hpa.Calculator;
using Autoscale.Hpa.Metrics;
using Autoscale.Hpa.Normalization;
using Autoscale.Hpa.Pods;
using Autoscale.Hpa.Reconcile;
using Autoscale.Hpa.Spec;

namespace Autoscale.Hpa.Tests.Reconcile;

/// <summary>
/// Port of horizontal_test.go's <c>testCase</c>: the fixture upstream's fake clients serve, as the plain inputs our
/// reconcile takes. Pods are "test-pod-i" with two containers each requesting half the pod's CPU request (default
/// 1.0), Ready by default with the start time as transition time; metrics are stamped "now". The reactors that make
/// a client fail become the <c>*Fail</c> flags and error strings.
/// </summary>
internal sealed record HorizontalTestCase
{
    public static readonly DateTimeOffset Now = Normalization.Rules.Now;
    public static readonly DateTimeOffset GoZeroTime = DateTimeOffset.MinValue;
    public static readonly MetricIdentifier Qps = new("qps");
    public static readonly CrossVersionObjectReference SomeDeployment = new("Deployment", "some-deployment", "apps/v1");

    public int MinReplicas { get; init; }
    public int MaxReplicas { get; init; }
    public int SpecReplicas { get; init; }
    public int StatusReplicas { get; init; }
    public HpaScalingRules? ScaleUpRules { get; init; }
    public HpaScalingRules? ScaleDownRules { get; init; }

    /// <summary>CPU target utilisation in percent; 0 means no CPU metric.</summary>
    public int CpuTarget { get; init; }

    /// <summary>Expected status CPU utilisation; 0 means computed from the reported levels and requests, as upstream.</summary>
    public int CpuCurrent { get; init; }

    public bool VerifyCpuCurrent { get; init; }
    public long[] ReportedLevels { get; init; } = [];

    /// <summary>Per-pod CPU request in milli-cores; when set it also decides the pod count.</summary>
    public long[]? ReportedCpuRequests { get; init; }

    public ConditionStatus[]? ReportedPodReadiness { get; init; }
    public DateTimeOffset[]? ReportedPodStartTime { get; init; }
    public PodPhase[]? ReportedPodPhase { get; init; }
    public bool[]? ReportedPodDeletionTimestamp { get; init; }
    public MetricSpec[] MetricsTarget { get; init; } = [];
    public int ExpectedDesiredReplicas { get; init; }

    /// <summary>Null means upstream's statusOk (SucceededRescale, ValidMetricFound, DesiredWithinRange).</summary>
    public ExpectedCondition[]? ExpectedConditions { get; init; }

    public bool VerifyEvents { get; init; }

    /// <summary>Null leaves the controller's history unset, so the first reconcile seeds it with the current size.</summary>
    public TimestampedRecommendation[]? Recommendations { get; init; }

    public DateTimeOffset? LastScaleTime { get; init; }
    public MonitorActionLabel ExpectedReportedReconciliationActionLabel { get; init; }
    public MonitorErrorLabel ExpectedReportedReconciliationErrorLabel { get; init; }
    public Dictionary<MetricSourceType, MonitorActionLabel> ExpectedReportedMetricComputationActionLabels { get; init; } = [];
    public Dictionary<MetricSourceType, MonitorErrorLabel> ExpectedReportedMetricComputationErrorLabels { get; init; } = [];

    // Adaptations of upstream's per-test reactors.
    public bool ResourceMetricsFail { get; init; }
    public bool CustomMetricsFail { get; init; }
    public bool ExternalMetricsFail { get; init; }
    public string? ScaleSelector { get; init; } = "name=test-pod";
    public string? SelectorParseError { get; init; }
    public string? GetScaleError { get; init; }

    /// <summary>What the caller's selector index says selects these pods; upstream's hpaSelectors BiMultimap.</summary>
    public string[]? SelectingHpas { get; init; }
    public string? UpdateScaleError { get; init; }

    /// <summary>The HPA's status before the reconcile; null means upstream's fixture status (spec replicas, no conditions).</summary>
    public HpaStatus? InitialStatus { get; init; }

    public bool ExpectStatusUpdate { get; init; } = true;

    public static DateTimeOffset HotCpuCreationTime => Now;

    public static DateTimeOffset CoolCpuCreationTime => Now.AddMinutes(-3);

    public HpaSpec Spec()
    {
        var behavior = ScaleUpRules is null && ScaleDownRules is null ? null : new HpaBehavior(ScaleUpRules, ScaleDownRules);
        var metrics = new List<MetricSpec>();
        if (CpuTarget > 0)
        {
            metrics.Add(MetricSpec.Resource(PodGrouping.Cpu, MetricTarget.Utilization(CpuTarget)));
        }

        metrics.AddRange(MetricsTarget);
        if (metrics.Count == 0)
        {
            // Upstream's "manually add in the defaulting logic": a CPU resource metric without a target.
            metrics.Add(MetricSpec.Resource(PodGrouping.Cpu, new MetricTarget(MetricTargetType.Utilization)));
        }

        return new HpaSpec(MaxReplicas, metrics, MinReplicas, HpaDefaults.SetDefaults_HorizontalPodAutoscalerBehavior(behavior));
    }

    public HpaReconcileInput Input() =>
        new(Spec(), new ScaleInfo(SpecReplicas, StatusReplicas, ScaleSelector, SelectorParseError), Pods(), Metrics(),
            new HpaControllerState(Recommendations is null ? null : [.. Recommendations], [], []), Now,
            InitialStatus ?? new HpaStatus(SpecReplicas, SpecReplicas, LastScaleTime, null, []), SelectingHpas);

    /// <summary>computeCPUCurrent: total usage over total request, only when there is one request per level.</summary>
    public int ExpectedCpuCurrent() =>
        CpuCurrent != 0 || ReportedCpuRequests is not { } requests || requests.Length != ReportedLevels.Length || requests.Length == 0
            ? CpuCurrent
            : (int)(100 * ReportedLevels.Sum() / requests.Sum());

    private IReadOnlyList<HpaPod> Pods()
    {
        var count = ReportedCpuRequests?.Length ?? StatusReplicas;
        return [.. Enumerable.Range(0, count).Select(i =>
        {
            var start = ReportedPodStartTime?[i] ?? GoZeroTime;
            var half = new Dictionary<string, long> { [PodGrouping.Cpu] = (ReportedCpuRequests?[i] ?? 1000) / 2 };
            return new HpaPod(
                $"test-pod-{i}",
                ReportedPodPhase?[i] ?? PodPhase.Running,
                new PodReadyCondition(ReportedPodReadiness?[i] ?? ConditionStatus.True, start),
                start,
                [new HpaContainer("container1", half), new HpaContainer("container2", half)],
                ReportedPodDeletionTimestamp?[i] == true ? Now : null);
        })];
    }

    private HpaMetricsSnapshot Metrics()
    {
        var podsMetrics = new Dictionary<MetricIdentifier, IReadOnlyList<PodMetricSample>>();
        var objectMetrics = new Dictionary<ObjectMetricKey, ObjectMetricSample>();
        var externalMetrics = new Dictionary<MetricIdentifier, IReadOnlyList<ExternalMetricSample>>();
        foreach (var spec in MetricsTarget)
        {
            switch (spec.Type)
            {
                case MetricSourceType.Pods:
                    podsMetrics[spec.Metric!] = [.. ReportedLevels.Select((level, i) => new PodMetricSample($"test-pod-{i}", level, Now))];
                    break;
                case MetricSourceType.Object:
                    objectMetrics[new ObjectMetricKey(spec.DescribedObject!, spec.Metric!)] = new ObjectMetricSample(ReportedLevels[0], Now);
                    break;
                case MetricSourceType.External:
                    externalMetrics[spec.Metric!] = [.. ReportedLevels.Select(level => new ExternalMetricSample(level, Now))];
                    break;
            }
        }

        IReadOnlyList<PodResourceMetrics> resourceMetrics = [.. ReportedLevels.Select((level, i) => new PodResourceMetrics(
            $"test-pod-{i}", Now, TimeSpan.FromMinutes(1),
            [Container("container1", level / 2), Container("container2", level / 2)]))];
        return new HpaMetricsSnapshot(
            ResourceMetricsFail ? null : resourceMetrics,
            CustomMetricsFail ? null : podsMetrics,
            CustomMetricsFail ? null : objectMetrics,
            ExternalMetricsFail ? null : externalMetrics);
    }

    // Half a MiB of memory per container, as upstream's fixture: present so resource lookup is by name.
    private static ContainerUsage Container(string name, long cpu) =>
        new(name, new Dictionary<string, long> { [PodGrouping.Cpu] = cpu, ["memory"] = 1024 * 1024 / 2 * 1000L });
}
