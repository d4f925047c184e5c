using Autoscale.MetricsAdapter.Sources.Prometheus.Client;
using Autoscale.MetricsAdapter.Store;

namespace Autoscale.MetricsAdapter.Sources.Prometheus;

/// <summary>
/// One served metric the poller evaluates: the PromQL for one namespace (one query per metric per namespace, grouped
/// by pod), and how its result becomes per-pod series.
/// </summary>
/// <param name="Read">Adds the result's series to a pod-name → samples map.</param>
internal sealed record PolledMetric(
    string Name,
    Func<string, PromResult<string>> QueryFor,
    Action<PromQueryResult, Dictionary<string, List<SeriesSample>>> Read);
