namespace Autoscale.Hpa.Metrics;

/// <summary>
/// The pure half of upstream's REST metrics client (pkg/controller/podautoscaler/metrics/client.go): turning API
/// answers into per-pod metrics. The HTTP half belongs to the controller.
/// </summary>
internal static class MetricResponses
{
    private static readonly TimeSpan DefaultCustomMetricWindow = TimeSpan.FromMinutes(1);

    /// <summary>GetResourceMetric: pod sum over containers, or a single container when one is named.</summary>
    public static MetricsFetch GetResourceMetric(IReadOnlyList<PodResourceMetrics>? raw, string resource, string container)
    {
        if (raw is null || raw.Count == 0)
        {
            return MetricsFetch.Fail("no metrics returned from resource metrics API");
        }

        var result = container.Length > 0 ? GetContainerMetrics(raw, resource, container) : GetPodMetrics(raw, resource);
        return new MetricsFetch(result, raw[0].Timestamp, null);
    }

    /// <summary>GetRawMetric for a Pods metric: every returned item, including pods the lister does not know.</summary>
    public static MetricsFetch GetRawMetric(IReadOnlyList<PodMetricSample>? raw)
    {
        if (raw is null || raw.Count == 0)
        {
            return MetricsFetch.Fail("no metrics returned from custom metrics API");
        }

        var result = new Dictionary<string, PodMetric>(raw.Count, StringComparer.Ordinal);
        foreach (var m in raw)
        {
            result[m.PodName] = new PodMetric(m.ValueMilli, m.Timestamp, m.Window ?? DefaultCustomMetricWindow);
        }

        return new MetricsFetch(result, raw[0].Timestamp, null);
    }

    private static Dictionary<string, PodMetric> GetPodMetrics(IReadOnlyList<PodResourceMetrics> raw, string resource)
    {
        var result = new Dictionary<string, PodMetric>(raw.Count, StringComparer.Ordinal);
        foreach (var m in raw)
        {
            // A pod with any container lacking the resource is left out, so it is counted as missing later.
            var missing = m.Containers.Count == 0;
            long podSum = 0;
            foreach (var c in m.Containers)
            {
                if (!c.UsageMilli.TryGetValue(resource, out var value))
                {
                    missing = true;
                    break;
                }

                podSum += value;
            }

            if (!missing)
            {
                result[m.PodName] = new PodMetric(podSum, m.Timestamp, m.Window);
            }
        }

        return result;
    }

    // Upstream once failed the whole metric when a pod lacked the container; its current tests expect such a pod to
    // be treated as missing instead (replica_calculator_test "failed pods ignored with missing container metric").
    private static Dictionary<string, PodMetric> GetContainerMetrics(IReadOnlyList<PodResourceMetrics> raw, string resource, string container)
    {
        var result = new Dictionary<string, PodMetric>(raw.Count, StringComparer.Ordinal);
        foreach (var m in raw)
        {
            foreach (var c in m.Containers)
            {
                if (string.Equals(c.Name, container, StringComparison.Ordinal))
                {
                    if (c.UsageMilli.TryGetValue(resource, out var value))
                    {
                        result[m.PodName] = new PodMetric(value, m.Timestamp, m.Window);
                    }

                    break;
                }
            }
        }

        return result;
    }
}
