using Autoscale.MetricsAdapter.Sources.Prometheus.Client;
using Autoscale.MetricsAdapter.Sources.Prometheus.Templates;
using Autoscale.MetricsAdapter.Store;
using Autoscale.MetricsAdapter.Sources.Definitions;

namespace Autoscale.MetricsAdapter.Sources.Prometheus;

/// <summary>
/// The catalog's metrics from the raw exporter series, so the served names work without rules, e.g.
/// <c>vllm_queue_depth</c> ← <c>sum by (namespace, pod, model_name) ({__name__=~"vllm:num_requests_waiting|...",namespace="ns"})</c>.
/// Each query also returns the oldest scrape time per group (<c>timestamp()</c> of the raw samples) in the same
/// answer, tagged by an <c>autoscale_part</c> label: values are stamped with when they were scraped, not when the query
/// ran, so staleness and reply timestamps are honest. Rates are served from the counters: the catalog computes them
/// on read from the last two scrapes (a <c>rate()</c> result stored here would be differentiated a second time).
/// </summary>
internal static class BuiltInQueries
{
    private const string PartLabel = "autoscale_part";

    /// <summary>The window of histogram quantiles, as the scrape source's default <c>scrape.latencyWindow</c>.</summary>
    public static readonly TimeSpan QuantileWindow = TimeSpan.FromSeconds(60);

    public static PolledMetric For(MetricDefinition definition, string namespaceLabel, string podLabel)
    {
        var aggregation = definition.Kind == MetricKind.Rate ? "sum" : definition.PodAggregation switch
        {
            Aggregation.Max => "max",
            Aggregation.Mean => "avg",
            _ => "sum",
        };
        var groupBy = $"{namespaceLabel}, {podLabel}, model_name";
        var names = string.Join('|', definition.SourceQuantile is null ? definition.SourceSeries : definition.SourceSeries.Select(s => s + "_bucket"));
        return new PolledMetric(
            definition.Name,
            ns =>
            {
                var skip = definition.SkipSourceLabel is { } label ? "," + PromMatchers.Neq(label.Name, label.Value) : "";
                var selector = $"{{__name__=~{PromMatchers.Quote(names)},{PromMatchers.Eq(namespaceLabel, ns)},{PromMatchers.Neq(podLabel, "")}{skip}}}";
                // A histogram quantile (TTFT p95) over the window, as histogram_quantile over bucket rates.
                var value = definition.SourceQuantile is { } q
                    ? $"histogram_quantile({q.ToString(System.Globalization.CultureInfo.InvariantCulture)}, sum by ({groupBy}, le) (rate({selector}[{(int)QuantileWindow.TotalSeconds}s])))"
                    : $"{aggregation} by ({groupBy}) ({selector})";
                return PromResult<string>.Ok(
                    $"label_replace({value}, \"{PartLabel}\", \"value\", \"\", \"\")"
                    + $" or label_replace(min by ({groupBy}) (timestamp({selector})), \"{PartLabel}\", \"timestamp\", \"\", \"\")");
            },
            (result, byPod) => Read(definition.Name, podLabel, result, byPod));
    }

    private static void Read(string metric, string podLabel, PromQueryResult result, Dictionary<string, List<SeriesSample>> byPod)
    {
        var groups = new Dictionary<(string Pod, string Model), (double? Value, DateTimeOffset EvaluatedAt, DateTimeOffset? ScrapedAt)>();
        foreach (var series in result.Series)
        {
            if (!series.Labels.TryGetValue(podLabel, out var pod) || !series.Labels.TryGetValue(PartLabel, out var part))
            {
                continue;
            }

            var key = (pod, series.Labels.GetValueOrDefault("model_name", ""));
            var group = groups.GetValueOrDefault(key, (null, series.Last.Timestamp, null));
            if (part == "value")
            {
                group = (series.Last.Value, series.Last.Timestamp, group.ScrapedAt);
            }
            else if (double.IsFinite(series.Last.Value))
            {
                group = (group.Value, group.EvaluatedAt, DateTimeOffset.FromUnixTimeMilliseconds((long)Math.Round(series.Last.Value * 1000)));
            }

            groups[key] = group;
        }

        foreach (var ((pod, model), (value, evaluatedAt, scrapedAt)) in groups)
        {
            if (value is not { } v)
            {
                continue;
            }

            var labels = new Dictionary<string, string>(StringComparer.Ordinal);
            if (model.Length > 0)
            {
                labels["model_name"] = model;
            }

            AddTo(byPod, pod, new SeriesSample(metric, labels, new Sample(v, scrapedAt ?? evaluatedAt)));
        }
    }

    internal static void AddTo(Dictionary<string, List<SeriesSample>> byPod, string pod, SeriesSample sample)
    {
        if (!byPod.TryGetValue(pod, out var list))
        {
            byPod[pod] = list = [];
        }

        list.Add(sample);
    }
}
