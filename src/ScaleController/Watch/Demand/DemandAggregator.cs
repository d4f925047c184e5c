using System.Globalization;
using Autoscale.Kubernetes.CustomMetrics;
using Autoscale.ScaleController.Decide.Observed;
using Autoscale.ScaleController.Watch.CustomMetrics;

namespace Autoscale.ScaleController.Watch.Demand;

/// <summary>
/// One round's pod metrics of a workload → its <see cref="WorkloadDemand"/>, or none with why. The pods are those the
/// required rates describe, and all four must describe the same pods: a read that caught a pod in one series and not
/// another (a scrape landing between the reads, a pod turning ready) would sum demand over different fleets, so it
/// gives no demand this round rather than a wrong one. Rates and counts are summed over the pods; an optional sum or
/// the KV mean is kept only when it covers every pod (a partial sum would understate); TTFT and ITL are means weighted
/// by completions and generated tokens over the pods that report them (a pod with no requests has no latency, and no
/// weight); the request shape's means (over the adapter's latency window) are averaged over the pods that report them,
/// and its spreads pooled over the pods that report both a mean and a spread (the mean of each pod's second moment,
/// sd² + mean², less the square of their mean: the spread of their requests taken together).
/// The time is the oldest sample used, so staleness is judged on the least fresh input.
/// </summary>
internal static class DemandAggregator
{
    public static (WorkloadDemand? Demand, string Why) Combine(IReadOnlyList<SeriesRead> reads)
    {
        var byMetric = reads.ToDictionary(r => r.Metric);
        var values = new Dictionary<string, IReadOnlyDictionary<string, MetricValue>>();
        foreach (var metric in DemandSeries.Required)
        {
            if (byMetric.GetValueOrDefault(metric) is not { Items: { } items })
            {
                return (null, $"{metric}: {byMetric.GetValueOrDefault(metric)?.Outcome ?? "not read"}");
            }

            values[metric] = PerPod(items);
        }

        var pods = values[DemandSeries.Arrivals].Keys.ToHashSet(StringComparer.Ordinal);
        if (pods.Count == 0)
        {
            return (null, "no pod reports demand (none ready, or none scraped twice yet)");
        }

        foreach (var metric in DemandSeries.Required.Skip(1))
        {
            if (!pods.SetEquals(values[metric].Keys))
            {
                return (null, Format($"partial read: {metric} describes {values[metric].Count} pods, {DemandSeries.Arrivals} {pods.Count}"));
            }
        }

        // Every sample used is noted: the demand is as old as its oldest sample, its window the longest.
        var oldest = DateTimeOffset.MaxValue;
        var window = 0.0;
        double Sum(IReadOnlyDictionary<string, MetricValue> series)
        {
            var sum = 0.0;
            foreach (var pod in pods)
            {
                var item = series[pod];
                sum += item.Value;
                oldest = item.Timestamp < oldest ? item.Timestamp : oldest;
                window = Math.Max(window, item.WindowSeconds ?? 0);
            }

            return sum;
        }

        var completions = values[DemandSeries.Completions];
        var generation = values[DemandSeries.GenerationTokens];
        var demand = new WorkloadDemand(
            ObservedAt: default,
            Pods: pods.Count,

            // Aborted requests leave waiting + running without completing, so a quiet window can dip below zero.
            ArrivalRequestsPerSecond: Math.Max(0, Sum(values[DemandSeries.Arrivals])),
            CompletedRequestsPerSecond: Sum(completions),
            PromptTokensPerSecond: Sum(values[DemandSeries.PromptTokens]),
            GenerationTokensPerSecond: Sum(generation))
        {
            Waiting = Covering(DemandSeries.Waiting) is { } waiting ? Sum(waiting) : null,
            Running = Covering(DemandSeries.Running) is { } running ? Sum(running) : null,
            WaitingPromptTokens = Covering(DemandSeries.WaitingPromptTokens) is { } tokens ? Sum(tokens) : null,
            KvCacheUsage = Covering(DemandSeries.KvCacheUsage) is { } kv ? Sum(kv) / pods.Count : null,
            TimeToFirstTokenSeconds = Weighted(DemandSeries.TimeToFirstToken, completions),
            InterTokenLatencySeconds = Weighted(DemandSeries.InterTokenLatency, generation),
            WindowMeanPromptTokens = PodMean(DemandSeries.MeanPromptTokens),
            WindowMeanOutputTokens = PodMean(DemandSeries.MeanOutputTokens),
            WindowPromptTokensStandardDeviation = Pooled(DemandSeries.MeanPromptTokens, DemandSeries.PromptTokensStandardDeviation),
            WindowOutputTokensStandardDeviation = Pooled(DemandSeries.MeanOutputTokens, DemandSeries.OutputTokensStandardDeviation),
        };
        return (demand with { ObservedAt = oldest, WindowSeconds = window }, Format($"{pods.Count} pods"));

        IReadOnlyDictionary<string, MetricValue>? Covering(string metric) =>
            byMetric.GetValueOrDefault(metric)?.Items is { } items && PerPod(items) is var series && pods.All(series.ContainsKey) ? series : null;

        double? PodMean(string metric)
        {
            if (byMetric.GetValueOrDefault(metric)?.Items is not { } items)
            {
                return null;
            }

            double sum = 0;
            var count = 0;
            foreach (var item in items)
            {
                if (pods.Contains(item.Object) && double.IsFinite(item.Value) && item.Value > 0)
                {
                    sum += item.Value;
                    count++;
                    oldest = item.Timestamp < oldest ? item.Timestamp : oldest;
                }
            }

            return count > 0 ? sum / count : null;
        }

        double? Pooled(string meanMetric, string spreadMetric)
        {
            if (byMetric.GetValueOrDefault(meanMetric)?.Items is not { } meanItems || byMetric.GetValueOrDefault(spreadMetric)?.Items is not { } spreadItems)
            {
                return null;
            }

            var means = PerPod(meanItems);
            var pooled = default(PooledSpread);
            foreach (var item in spreadItems)
            {
                if (pods.Contains(item.Object) && double.IsFinite(item.Value) && item.Value >= 0
                    && means.GetValueOrDefault(item.Object) is { Value: var mean and > 0 } meanItem && double.IsFinite(mean))
                {
                    pooled.Add(mean, item.Value);
                    oldest = item.Timestamp < oldest ? item.Timestamp : oldest;
                    oldest = meanItem.Timestamp < oldest ? meanItem.Timestamp : oldest;
                }
            }

            return pooled.Value;
        }

        double? Weighted(string metric, IReadOnlyDictionary<string, MetricValue> weights)
        {
            if (byMetric.GetValueOrDefault(metric)?.Items is not { } items)
            {
                return null;
            }

            double sum = 0, weight = 0;
            foreach (var item in items)
            {
                if (pods.Contains(item.Object) && weights[item.Object].Value is var w and > 0 && double.IsFinite(item.Value))
                {
                    sum += w * item.Value;
                    weight += w;
                    oldest = item.Timestamp < oldest ? item.Timestamp : oldest;
                }
            }

            return weight > 0 ? sum / weight : null;
        }
    }

    // One item per pod; the adapter never repeats one, and if it did the later would stand.
    private static Dictionary<string, MetricValue> PerPod(IReadOnlyList<MetricValue> items)
    {
        var series = new Dictionary<string, MetricValue>(StringComparer.Ordinal);
        foreach (var item in items)
        {
            series[item.Object] = item;
        }

        return series;
    }

    private static string Format(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
