using Autoscale.Kubernetes;
using Autoscale.MetricsAdapter.Sources.Prometheus.Rules;
using Autoscale.MetricsAdapter.Store;

namespace Autoscale.MetricsAdapter.Sources.Prometheus;

/// <summary>
/// A rule metric polled per namespace: its <c>metricsQuery</c> with <c>namespace="ns",pod!=""</c> as LabelMatchers and
/// the pod label as GroupBy. Samples keep Prometheus' timestamp for the result (the evaluation time: an arbitrary
/// expression has no single scrape time), and the labels the query kept besides namespace and pod.
/// </summary>
internal static class RuleQueries
{
    public static PolledMetric For(RuleMetric metric)
    {
        var query = metric.Rule.Query;
        var podLabel = metric.PodLabel!;
        var namespaceLabel = metric.NamespaceLabel!;
        return new PolledMetric(
            metric.Name,
            ns => query.Build(metric.SeriesName, GroupResource.Pods, ns, [], LabelSelector.Everything, []),
            (result, byPod) =>
            {
                foreach (var series in result.Series)
                {
                    if (!series.Labels.TryGetValue(podLabel, out var pod))
                    {
                        continue;
                    }

                    var labels = new Dictionary<string, string>(StringComparer.Ordinal);
                    foreach (var (key, value) in series.Labels)
                    {
                        if (key != podLabel && key != namespaceLabel && key != "__name__")
                        {
                            labels[key] = value;
                        }
                    }

                    BuiltInQueries.AddTo(byPod, pod, new SeriesSample(metric.Name, labels, series.Last));
                }
            });
    }
}
