using Autoscale.Kubernetes;

namespace Autoscale.MetricsAdapter.Sources.Prometheus.Rules;

/// <summary>
/// What the last successful relist found, by served name (prometheus-adapter's series registry): filters, then
/// naming, then association, with a later rule or series replacing an earlier one of the same name.
/// </summary>
internal sealed class RuleRegistry
{
    private RuleRegistry(IReadOnlyList<RuleMetric> metrics) => Metrics = metrics;

    public static RuleRegistry Empty { get; } = new([]);

    /// <summary>Every metric, sorted by name.</summary>
    public IReadOnlyList<RuleMetric> Metrics { get; }

    /// <param name="seriesByQuery">The <c>/api/v1/series</c> answer for each distinct <c>seriesQuery</c>.</param>
    public static RuleRegistry Build(
        IReadOnlyList<AdapterRule> rules, IReadOnlyDictionary<string, IReadOnlyList<IReadOnlyDictionary<string, string>>> seriesByQuery)
    {
        var byName = new Dictionary<string, RuleMetric>(StringComparer.Ordinal);
        foreach (var rule in rules)
        {
            if (!seriesByQuery.TryGetValue(rule.SeriesQuery, out var series))
            {
                continue;
            }

            foreach (var labels in series)
            {
                if (!labels.TryGetValue("__name__", out var seriesName) || !rule.Keeps(seriesName)
                    || rule.Name.NameFor(seriesName) is not { Length: > 0 } name)
                {
                    continue;
                }

                var resources = new List<GroupResource>();
                foreach (var label in labels.Keys)
                {
                    if (label != "__name__" && rule.Resources.ResourceFor(label) is { } resource && !resources.Contains(resource))
                    {
                        resources.Add(resource);
                    }
                }

                if (resources.Count == 0)
                {
                    continue;
                }

                byName[name] = new RuleMetric(name, seriesName, rule, resources);
            }
        }

        return new RuleRegistry([.. byName.Values.OrderBy(m => m.Name, StringComparer.Ordinal)]);
    }
}
