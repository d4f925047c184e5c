using Autoscale.Hpa.Metrics;
using Autoscale.Hpa.Pods;

namespace Autoscale.Hpa.Calculator;

/// <summary>Port of groupPods and removeMetricsForPods.</summary>
public static class PodGrouping
{
    public const string Cpu = "cpu";

    /// <summary>
    /// Classifies pods in upstream's order: deleted or Failed → ignored; Pending → unready; no metric → missing;
    /// for CPU only, readiness and the initialisation period decide unready; everything else is ready.
    /// All time comparisons are strict, as Go's After/Before.
    /// </summary>
    public static PodGroups GroupPods(
        IReadOnlyList<HpaPod> pods,
        IReadOnlyDictionary<string, PodMetric> metrics,
        string resource,
        TimeSpan cpuInitializationPeriod,
        TimeSpan delayOfInitialReadinessStatus,
        DateTimeOffset now)
    {
        var unready = new HashSet<string>(StringComparer.Ordinal);
        var missing = new HashSet<string>(StringComparer.Ordinal);
        var ignored = new HashSet<string>(StringComparer.Ordinal);
        var readyPodCount = 0;
        foreach (var pod in pods)
        {
            if (pod.DeletionTimestamp is not null || pod.Phase == PodPhase.Failed)
            {
                ignored.Add(pod.Name);
                continue;
            }

            if (pod.Phase == PodPhase.Pending)
            {
                unready.Add(pod.Name);
                continue;
            }

            if (!metrics.TryGetValue(pod.Name, out var metric))
            {
                missing.Add(pod.Name);
                continue;
            }

            if (string.Equals(resource, Cpu, StringComparison.Ordinal) && IsUnreadyForCpu(pod, metric, cpuInitializationPeriod, delayOfInitialReadinessStatus, now))
            {
                unready.Add(pod.Name);
                continue;
            }

            readyPodCount++;
        }

        return new PodGroups(readyPodCount, unready, missing, ignored);
    }

    /// <summary>Deletes the metrics of the given pods from the working copy.</summary>
    public static void RemoveMetricsForPods(Dictionary<string, PodMetric> metrics, IEnumerable<string> pods)
    {
        foreach (var pod in pods)
        {
            metrics.Remove(pod);
        }
    }

    // CPU spikes while a pod starts, so a sample is only trusted once the pod has been ready for a full window
    // (during initialisation) or, later, unless the pod never became ready at all.
    private static bool IsUnreadyForCpu(HpaPod pod, PodMetric metric, TimeSpan cpuInitializationPeriod, TimeSpan delayOfInitialReadinessStatus, DateTimeOffset now)
    {
        if (pod.ReadyCondition is not { } condition || pod.StartTime is not { } startTime)
        {
            return true;
        }

        if (startTime + cpuInitializationPeriod > now)
        {
            return condition.Status == ConditionStatus.False || metric.Timestamp < condition.LastTransitionTime + metric.Window;
        }

        return condition.Status == ConditionStatus.False && startTime + delayOfInitialReadinessStatus > condition.LastTransitionTime;
    }
}
