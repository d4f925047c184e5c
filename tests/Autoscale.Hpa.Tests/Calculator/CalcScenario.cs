using Autoscale.Hpa.Metrics;
using Autoscale.Hpa.Pods;

namespace Autoscale.Hpa.Tests.Calculator;

/// <summary>
/// Mirrors upstream's replica_calculator_test fixture: pods "test-pod-i" with two containers that each request
/// the pod's CPU value, a Ready condition (default True) whose transition time and start time default to Go's zero
/// time, and metrics-server items with two containers and a one-minute window.
/// </summary>
internal sealed record CalcScenario
{
    public const string Cpu = "cpu";
    public static readonly DateTimeOffset Now = new(2025, 6, 1, 12, 0, 0, TimeSpan.Zero);
    public static readonly DateTimeOffset GoZeroTime = DateTimeOffset.MinValue;

    public int CurrentReplicas { get; init; }

    /// <summary>Per-container CPU request of pod i in milli-cores; pods beyond the array have no request.</summary>
    public long[]? Requests { get; init; }

    /// <summary>levels[i][j] = usage of container j of pod i (resource metrics).</summary>
    public long[][]? Levels { get; init; }

    public string[]? PodNames { get; init; }

    /// <summary>Custom (Pods) metric values, one per pod.</summary>
    public long[]? MetricLevels { get; init; }

    public ConditionStatus[]? Readiness { get; init; }

    public DateTimeOffset[]? StartTimes { get; init; }

    public PodPhase[]? Phases { get; init; }

    public bool[]? Deleted { get; init; }

    public DateTimeOffset Timestamp { get; init; } = GoZeroTime;

    public static DateTimeOffset HotCpuCreationTime => Now;

    public static DateTimeOffset CoolCpuCreationTime => Now.AddMinutes(-3);

    public static long[][] PodLevels(params long[] containerMetric) =>
        [.. containerMetric.Select(m => new[] { m, m })];

    public static long[] Same(int n, long value) => [.. Enumerable.Repeat(value, n)];

    public IReadOnlyList<HpaPod> Pods()
    {
        var count = Math.Max(CurrentReplicas, Phases?.Length ?? 0);
        return [.. Enumerable.Range(0, count).Select(BuildPod)];
    }

    public IReadOnlyList<PodResourceMetrics> ResourceMetrics() =>
        [.. (Levels ?? []).Select((levels, i) => new PodResourceMetrics(
            PodNames is { } names && names.Length > i ? names[i] : $"test-pod-{i}",
            Timestamp,
            TimeSpan.FromMinutes(1),
            [.. Enumerable.Range(0, 2).Select(j => j < levels.Length
                ? new ContainerUsage($"container{j + 1}", new Dictionary<string, long> { [Cpu] = levels[j] })
                : new ContainerUsage(string.Empty, new Dictionary<string, long>()))]))];

    public IReadOnlyList<PodMetricSample> PodSamples() =>
        [.. (MetricLevels ?? []).Select((level, i) => new PodMetricSample($"test-pod-{i}", level, Timestamp))];

    private HpaPod BuildPod(int i)
    {
        var readiness = Readiness is { } r && i < r.Length ? r[i] : ConditionStatus.True;
        var requests = Requests is { } req && i < req.Length
            ? new Dictionary<string, long> { [Cpu] = req[i] }
            : new Dictionary<string, long>();
        return new HpaPod(
            $"test-pod-{i}",
            Phases?[i] ?? PodPhase.Running,
            new PodReadyCondition(readiness, GoZeroTime),
            StartTimes?[i] ?? GoZeroTime,
            [new HpaContainer("container1", requests), new HpaContainer("container2", requests)],
            Deleted is { } d && d[i] ? Now : null);
    }
}
