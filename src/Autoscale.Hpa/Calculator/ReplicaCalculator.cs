using Autoscale.Hpa.Metrics;
using Autoscale.Hpa.Pods;

namespace Autoscale.Hpa.Calculator;

/// <summary>
/// Port of pkg/controller/podautoscaler/replica_calculator.go. The listers and metrics clients of upstream are
/// replaced by the pods and metric answers passed in, and time.Now() by <c>now</c>; everything else keeps
/// upstream's arithmetic (int64 truncating divisions, float64 ratios, ceil) with saturating int32 conversions.
/// </summary>
public sealed class ReplicaCalculator(ReplicaCalculatorOptions options)
{
    private const string NoPods = "no pods returned by selector while calculating replica count";

    public ReplicaCalculatorOptions Options { get; } = options;

    /// <summary>Resource metric with a Utilization target (percent of request).</summary>
    public ReplicaCalculation GetResourceReplicas(
        int currentReplicas, int targetUtilization, string resource, Tolerances tolerances,
        IReadOnlyList<HpaPod> pods, IReadOnlyList<PodResourceMetrics>? rawMetrics, string container, DateTimeOffset now)
    {
        var fetch = MetricResponses.GetResourceMetric(rawMetrics, resource, container);
        if (fetch.Metrics is not { } metrics)
        {
            return ReplicaCalculation.Fail($"unable to get metrics for resource {resource}: {fetch.Error}");
        }

        if (pods.Count == 0)
        {
            return ReplicaCalculation.Fail(NoPods);
        }

        var groups = PodGrouping.GroupPods(pods, metrics, resource, Options.CpuInitializationPeriod, Options.DelayOfInitialReadinessStatus, now);
        PodGrouping.RemoveMetricsForPods(metrics, groups.IgnoredPods);
        PodGrouping.RemoveMetricsForPods(metrics, groups.UnreadyPods);
        if (metrics.Count == 0)
        {
            return ReplicaCalculation.Fail("did not receive metrics for targeted pods (pods might be unready)");
        }

        var (requests, requestError) = PodRequests.CalculateRequests(pods, container, resource, Options.PodLevelResourcesEnabled);
        if (requests is null)
        {
            return ReplicaCalculation.Fail(requestError!);
        }

        var (usageRatio, utilization, rawUtilization, error) = Utilization.GetResourceUtilizationRatio(metrics, requests, targetUtilization);
        if (error is not null)
        {
            return ReplicaCalculation.Fail(error);
        }

        var timestamp = fetch.Timestamp;
        ReplicaCalculation Result(int replicas) => new(replicas, rawUtilization, utilization, timestamp);

        var scaleUpWithUnready = groups.UnreadyPods.Count > 0 && usageRatio > 1.0;
        if (!scaleUpWithUnready && groups.MissingPods.Count == 0)
        {
            return tolerances.IsWithin(usageRatio)
                ? Result(currentReplicas)
                : Result(Saturating.CeilToInt32(usageRatio * groups.ReadyPodCount));
        }

        if (groups.MissingPods.Count > 0)
        {
            if (usageRatio < 1.0)
            {
                // Scale-down: assume missing pods use all of their request, or the target when it exceeds 100%.
                long fallbackUtilization = Math.Max(100, targetUtilization);
                foreach (var pod in groups.MissingPods)
                {
                    metrics[pod] = new PodMetric(requests[pod] * fallbackUtilization / 100, default, default);
                }
            }
            else if (usageRatio > 1.0)
            {
                // Scale-up: assume missing pods use nothing.
                FillWithZero(metrics, groups.MissingPods);
            }
        }

        if (scaleUpWithUnready)
        {
            FillWithZero(metrics, groups.UnreadyPods);
        }

        var (newUsageRatio, _, _, newError) = Utilization.GetResourceUtilizationRatio(metrics, requests, targetUtilization);
        if (newError is not null)
        {
            return ReplicaCalculation.Fail(newError);
        }

        return Result(Rebalanced(currentReplicas, usageRatio, newUsageRatio, metrics.Count, tolerances));
    }

    /// <summary>Resource metric with an AverageValue target (milli-units per pod).</summary>
    public ReplicaCalculation GetRawResourceReplicas(
        int currentReplicas, long targetUsage, string resource, Tolerances tolerances,
        IReadOnlyList<HpaPod> pods, IReadOnlyList<PodResourceMetrics>? rawMetrics, string container, DateTimeOffset now)
    {
        var fetch = MetricResponses.GetResourceMetric(rawMetrics, resource, container);
        return fetch.Metrics is { } metrics
            ? CalcPlainMetricReplicas(metrics, currentReplicas, targetUsage, tolerances, pods, resource, now) with { Timestamp = fetch.Timestamp }
            : ReplicaCalculation.Fail($"unable to get metrics for resource {resource}: {fetch.Error}");
    }

    /// <summary>Pods metric with an AverageValue target.</summary>
    public ReplicaCalculation GetMetricReplicas(
        int currentReplicas, long targetUsage, string metricName, Tolerances tolerances,
        IReadOnlyList<HpaPod> pods, IReadOnlyList<PodMetricSample>? samples, DateTimeOffset now)
    {
        var fetch = MetricResponses.GetRawMetric(samples);
        if (fetch.Metrics is not { } metrics)
        {
            return ReplicaCalculation.Fail($"unable to get metric {metricName}: {fetch.Error}");
        }

        var result = CalcPlainMetricReplicas(metrics, currentReplicas, targetUsage, tolerances, pods, string.Empty, now);
        return result.IsValid ? result with { Timestamp = fetch.Timestamp } : result;
    }

    /// <summary>
    /// calcPlainMetricReplicas: shared by Pods metrics and resource AverageValue targets. Takes ownership of
    /// <paramref name="metrics"/> (it is rebalanced in place, as upstream does with its map).
    /// </summary>
    internal ReplicaCalculation CalcPlainMetricReplicas(
        Dictionary<string, PodMetric> metrics, int currentReplicas, long targetUsage, Tolerances tolerances,
        IReadOnlyList<HpaPod> pods, string resource, DateTimeOffset now)
    {
        if (pods.Count == 0)
        {
            return ReplicaCalculation.Fail(NoPods);
        }

        var groups = PodGrouping.GroupPods(pods, metrics, resource, Options.CpuInitializationPeriod, Options.DelayOfInitialReadinessStatus, now);
        PodGrouping.RemoveMetricsForPods(metrics, groups.IgnoredPods);
        PodGrouping.RemoveMetricsForPods(metrics, groups.UnreadyPods);
        if (metrics.Count == 0)
        {
            return ReplicaCalculation.Fail("did not receive metrics for targeted pods (pods might be unready)");
        }

        var (usageRatio, usage) = Utilization.GetMetricUsageRatio(metrics, targetUsage);
        ReplicaCalculation Result(int replicas) => new(replicas, usage, null, default);

        var scaleUpWithUnready = groups.UnreadyPods.Count > 0 && usageRatio > 1.0;
        if (!scaleUpWithUnready && groups.MissingPods.Count == 0)
        {
            return tolerances.IsWithin(usageRatio)
                ? Result(currentReplicas)
                : Result(Saturating.CeilToInt32(usageRatio * groups.ReadyPodCount));
        }

        if (groups.MissingPods.Count > 0)
        {
            if (usageRatio < 1.0)
            {
                // Scale-down: assume missing pods sit exactly at the target.
                foreach (var pod in groups.MissingPods)
                {
                    metrics[pod] = new PodMetric(targetUsage, default, default);
                }
            }
            else if (usageRatio > 1.0)
            {
                FillWithZero(metrics, groups.MissingPods);
            }
        }

        if (scaleUpWithUnready)
        {
            FillWithZero(metrics, groups.UnreadyPods);
        }

        var (newUsageRatio, _) = Utilization.GetMetricUsageRatio(metrics, targetUsage);
        return Result(Rebalanced(currentReplicas, usageRatio, newUsageRatio, metrics.Count, tolerances));
    }

    /// <summary>Object metric with a Value target: scales on the number of Ready pods.</summary>
    public ReplicaCalculation GetObjectMetricReplicas(
        int currentReplicas, long targetUsage, string metricName, Tolerances tolerances,
        ObjectMetricSample? sample, IReadOnlyList<HpaPod> pods)
    {
        if (sample is null)
        {
            return ReplicaCalculation.Fail($"unable to get metric {metricName}: no object metric returned from custom metrics API");
        }

        var usageRatio = (double)sample.ValueMilli / targetUsage;
        var (replicas, error) = GetUsageRatioReplicaCount(currentReplicas, usageRatio, tolerances, pods);
        return error is null ? new ReplicaCalculation(replicas, sample.ValueMilli, null, sample.Timestamp) : ReplicaCalculation.Fail(error);
    }

    /// <summary>Object metric with an AverageValue target: divides by <paramref name="statusReplicas"/>, ignores readiness.</summary>
    public static ReplicaCalculation GetObjectPerPodMetricReplicas(
        int statusReplicas, long targetAverageUsage, string metricName, Tolerances tolerances, ObjectMetricSample? sample)
    {
        if (sample is null)
        {
            return ReplicaCalculation.Fail($"unable to get metric {metricName}: no object metric returned from custom metrics API");
        }

        var usage = sample.ValueMilli;
        var replicaCount = statusReplicas;
        var usageRatio = usage / ((double)targetAverageUsage * replicaCount);
        if (!tolerances.IsWithin(usageRatio))
        {
            replicaCount = Saturating.CeilToInt32((double)usage / targetAverageUsage);
        }

        return new ReplicaCalculation(replicaCount, PerPodUsage(usage, statusReplicas), null, sample.Timestamp);
    }

    /// <summary>External metric with a Value target: the sum of all series, scaled on Ready pods.</summary>
    public ReplicaCalculation GetExternalMetricReplicas(
        int currentReplicas, long targetUsage, string metricName, Tolerances tolerances,
        IReadOnlyList<ExternalMetricSample>? samples, IReadOnlyList<HpaPod> pods)
    {
        if (samples is null || samples.Count == 0)
        {
            return ReplicaCalculation.Fail($"unable to get external metric {metricName}: no metrics returned from external metrics API");
        }

        var usage = SumSaturating(samples);
        var (replicas, error) = GetUsageRatioReplicaCount(currentReplicas, (double)usage / targetUsage, tolerances, pods);
        return error is null ? new ReplicaCalculation(replicas, usage, null, samples[0].Timestamp) : ReplicaCalculation.Fail(error);
    }

    /// <summary>External metric with an AverageValue target: sum divided by <paramref name="statusReplicas"/>.</summary>
    public static ReplicaCalculation GetExternalPerPodMetricReplicas(
        int statusReplicas, long targetUsagePerPod, string metricName, Tolerances tolerances, IReadOnlyList<ExternalMetricSample>? samples)
    {
        if (samples is null || samples.Count == 0)
        {
            return ReplicaCalculation.Fail($"unable to get external metric {metricName}: no metrics returned from external metrics API");
        }

        var usage = SumSaturating(samples);
        var replicaCount = statusReplicas;
        var usageRatio = usage / ((double)targetUsagePerPod * replicaCount);
        if (!tolerances.IsWithin(usageRatio))
        {
            replicaCount = Saturating.CeilToInt32((double)usage / targetUsagePerPod);
        }

        var reported = (double)usage >= long.MaxValue ? long.MaxValue : PerPodUsage(usage, statusReplicas);
        return new ReplicaCalculation(replicaCount, reported, null, samples[0].Timestamp);
    }

    /// <summary>getReadyPodsCount: Running pods whose Ready condition is True.</summary>
    public static int GetReadyPodsCount(IReadOnlyList<HpaPod> pods) =>
        pods.Count(p => p.Phase == PodPhase.Running && p.IsReady);

    /// <summary>
    /// getUsageRatioReplicaCount. With current replicas 0 (scale-to-zero) the proposal is ceil(ratio), no tolerance.
    /// </summary>
    internal static (int Replicas, string? Error) GetUsageRatioReplicaCount(
        int currentReplicas, double usageRatio, Tolerances tolerances, IReadOnlyList<HpaPod> pods)
    {
        if (currentReplicas == 0)
        {
            return (Saturating.CeilToInt32(usageRatio), null);
        }

        if (tolerances.IsWithin(usageRatio))
        {
            return (currentReplicas, null);
        }

        if (pods.Count == 0)
        {
            return (0, $"unable to calculate ready pods: {NoPods}");
        }

        return (Saturating.CeilToInt32(usageRatio * GetReadyPodsCount(pods)), null);
    }

    // The rebalanced ratio is ignored when it is within tolerance or flips the scale direction, and the count
    // it yields is ignored when the larger pod count would flip the direction.
    private static int Rebalanced(int currentReplicas, double usageRatio, double newUsageRatio, int metricsCount, Tolerances tolerances)
    {
        if (tolerances.IsWithin(newUsageRatio) || (usageRatio < 1.0 && newUsageRatio > 1.0) || (usageRatio > 1.0 && newUsageRatio < 1.0))
        {
            return currentReplicas;
        }

        var newReplicas = Saturating.CeilToInt32(newUsageRatio * metricsCount);
        if ((newUsageRatio < 1.0 && newReplicas > currentReplicas) || (newUsageRatio > 1.0 && newReplicas < currentReplicas))
        {
            return currentReplicas;
        }

        return newReplicas;
    }

    private static void FillWithZero(Dictionary<string, PodMetric> metrics, IEnumerable<string> pods)
    {
        foreach (var pod in pods)
        {
            metrics[pod] = new PodMetric(0, default, default);
        }
    }

    private static long SumSaturating(IReadOnlyList<ExternalMetricSample> samples)
    {
        long usage = 0;
        foreach (var sample in samples)
        {
            usage = Saturating.AddInt64(usage, sample.ValueMilli);
        }

        return usage;
    }

    // With statusReplicas 0 Go divides by zero in float64 and converts +Inf/NaN; report the total instead.
    private static long PerPodUsage(long usage, int statusReplicas) =>
        statusReplicas == 0 ? usage : (long)Math.Ceiling((double)usage / statusReplicas);
}
