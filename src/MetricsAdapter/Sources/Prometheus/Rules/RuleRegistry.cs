using Autoscale.Kubernetes;

namespace Autoscale.MetricsAdapter.Sources.Prometheus.Rules;

/// <summary>
/// What the last successful relist found (prometheus-adapter's series registries, custom and external): filters, then
/// naming, then association. Custom metrics are keyed by (name, resource) as upstream keys them by
/// <c>CustomMetricInfo</c>, a later rule or series replacing an earlier one for the same key; external ones by name.
/// </summary>
internal sealed class RuleRegistry
{
    private readonly Dictionary<(string Name, GroupResource Resource), (string Series, AdapterRule Rule)> _byKey;

    private RuleRegistry(
        Dictionary<(string Name, GroupResource Resource), (string Series, AdapterRule Rule)> byKey, IReadOnlyList<ExternalRuleMetric> external,
        IReadOnlyList<(AdapterRule Rule, string Series)> unassociated)
    {
        _byKey = byKey;
        Unassociated = unassociated;
        Metrics = [.. byKey
            .GroupBy(kv => kv.Key.Name, StringComparer.Ordinal)
            .OrderBy(g => g.Key, StringComparer.Ordinal)
            .Select(g => new RuleMetric(g.Key, g.First().Value.Series, g.First().Value.Rule, [.. g.Select(kv => kv.Key.Resource).OrderBy(r => r.ToString(), StringComparer.Ordinal)]))];
        External = external;
    }

    public static RuleRegistry Empty { get; } = new([], [], []);

    /// <summary>
    /// Series a rule found and named but whose labels name no resource: listed nowhere (as upstream), so the relist
    /// logs them instead of dropping them silently. One per rule and series name.
    /// </summary>
    public IReadOnlyList<(AdapterRule Rule, string Series)> Unassociated { get; }

    /// <summary>Every custom metric by name, sorted, with every resource some rule associates it with.</summary>
    public IReadOnlyList<RuleMetric> Metrics { get; }

    /// <summary>Every external metric, sorted by name.</summary>
    public IReadOnlyList<ExternalRuleMetric> External { get; }

    /// <summary>The series and rule serving <paramref name="name"/> for <paramref name="resource"/> (a request's group may be empty).</summary>
    public (string Series, AdapterRule Rule)? Find(string name, GroupResource resource)
    {
        if (_byKey.TryGetValue((name, resource), out var found))
        {
            return found;
        }

        foreach (var ((n, r), value) in _byKey)
        {
            if (n == name && ResourceNames.SameResource(r, resource))
            {
                return value;
            }
        }

        return null;
    }

    /// <param name="seriesByQuery">The <c>/api/v1/series</c> answer for each distinct <c>seriesQuery</c>.</param>
    public static RuleRegistry Build(
        IReadOnlyList<AdapterRule> rules, IReadOnlyDictionary<string, IReadOnlyList<IReadOnlyDictionary<string, string>>> seriesByQuery,
        IReadOnlyList<AdapterRule>? externalRules = null)
    {
        var byKey = new Dictionary<(string, GroupResource), (string, AdapterRule)>();
        var unassociated = new List<(AdapterRule, string)>();
        foreach (var rule in rules)
        {
            foreach (var (labels, seriesName, name) in Named(rule, seriesByQuery))
            {
                var associated = false;
                foreach (var label in labels.Keys)
                {
                    if (label != "__name__" && rule.Resources.ResourceFor(label) is { } resource)
                    {
                        byKey[(name, resource)] = (seriesName, rule);
                        associated = true;
                    }
                }

                if (!associated && !unassociated.Contains((rule, seriesName)))
                {
                    unassociated.Add((rule, seriesName));
                }
            }
        }

        var external = new Dictionary<string, ExternalRuleMetric>(StringComparer.Ordinal);
        foreach (var rule in externalRules ?? [])
        {
            foreach (var (_, seriesName, name) in Named(rule, seriesByQuery))
            {
                external[name] = new ExternalRuleMetric(name, seriesName, rule);
            }
        }

        return new RuleRegistry(byKey, [.. external.Values.OrderBy(m => m.Name, StringComparer.Ordinal)], unassociated);
    }

    private static IEnumerable<(IReadOnlyDictionary<string, string> Labels, string SeriesName, string Name)> Named(
        AdapterRule rule, IReadOnlyDictionary<string, IReadOnlyList<IReadOnlyDictionary<string, string>>> seriesByQuery)
    {
        if (!seriesByQuery.TryGetValue(rule.SeriesQuery, out var series))
        {
            yield break;
        }

        foreach (var labels in series)
        {
            if (labels.TryGetValue("__name__", out var seriesName) && rule.Keeps(seriesName) && rule.Name.NameFor(seriesName) is { Length: > 0 } name)
            {
                yield return (labels, seriesName, name);
            }
        }
    }
}
