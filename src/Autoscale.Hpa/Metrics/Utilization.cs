namespace Autoscale.Hpa.Metrics;

/// <summary>Port of metrics/utilization.go.</summary>
internal static class Utilization
{
    /// <summary>
    /// GetResourceUtilizationRatio. Metrics of pods without a known request are skipped (superfluous metrics).
    /// Utilisation is an integer percent, truncated, before the ratio is formed.
    /// </summary>
    public static (double Ratio, int Utilization, long RawAverage, string? Error) GetResourceUtilizationRatio(
        IReadOnlyDictionary<string, PodMetric> metrics, IReadOnlyDictionary<string, long> requests, int targetUtilization)
    {
        long metricsTotal = 0;
        long requestsTotal = 0;
        var numEntries = 0;
        foreach (var (podName, metric) in metrics)
        {
            if (!requests.TryGetValue(podName, out var request))
            {
                continue;
            }

            metricsTotal += metric.Value;
            requestsTotal += request;
            numEntries++;
        }

        if (requestsTotal == 0)
        {
            return (0, 0, 0, "no metrics returned matched known pods");
        }

        var utilization = (int)(metricsTotal * 100 / requestsTotal);
        return ((double)utilization / targetUtilization, utilization, metricsTotal / numEntries, null);
    }

    /// <summary>GetMetricUsageRatio: average over every entry (int64 truncation) divided by the target.</summary>
    public static (double Ratio, long Usage) GetMetricUsageRatio(IReadOnlyDictionary<string, PodMetric> metrics, long targetUsage)
    {
        long metricsTotal = 0;
        foreach (var metric in metrics.Values)
        {
            metricsTotal += metric.Value;
        }

        var usage = metricsTotal / metrics.Count;
        return ((double)usage / targetUsage, usage);
    }
}
