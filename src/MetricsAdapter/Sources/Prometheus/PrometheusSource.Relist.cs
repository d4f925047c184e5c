using Autoscale.MetricsAdapter.Sources.Prometheus.Rules;
using Autoscale.MetricsAdapter.Sources.Definitions;

namespace Autoscale.MetricsAdapter.Sources.Prometheus;

/// <summary>Series discovery for the rules, and the polled set and catalog it yields.</summary>
internal sealed partial class PrometheusSource
{
    private async Task RelistAsync(CancellationToken cancellationToken)
    {
        await LearnResourcesAsync(cancellationToken).ConfigureAwait(false);
        var start = _time.GetUtcNow() - _options.EffectiveMaxAge;
        var queries = _options.Rules.Concat(_options.ExternalRules).Select(r => r.SeriesQuery).Distinct(StringComparer.Ordinal).ToList();
        var answers = await Task.WhenAll(queries.Select(q => _client.SeriesAsync([q], start, cancellationToken))).ConfigureAwait(false);
        var seriesByQuery = new Dictionary<string, IReadOnlyList<IReadOnlyDictionary<string, string>>>(StringComparer.Ordinal);
        for (var i = 0; i < queries.Count; i++)
        {
            _metrics.Query();
            if (!answers[i].IsSuccess)
            {
                // Any failure aborts the update and keeps the previous registry (upstream's updateMetrics).
                _metrics.Error(answers[i].Error!);
                Status.CycleFailed(answers[i].Error!, _time.GetUtcNow());
                LogRelistFailed(_logger, queries[i], answers[i].Error!.ToString());
                return;
            }

            seriesByQuery[queries[i]] = answers[i].Value!;
        }

        _relistedAt = _time.GetUtcNow();
        var registry = RuleRegistry.Build(_options.Rules, seriesByQuery, _options.ExternalRules);
        if (Describe(Volatile.Read(ref _registry)) is var before && Describe(registry) is var after && before != after)
        {
            LogRelisted(_logger, registry.Metrics.Count, registry.External.Count, after);
            foreach (var metric in registry.Metrics.Where(m => _builtIn.TryGet(m.Name, out _)))
            {
                LogReplacesBuiltIn(_logger, metric.Name, metric.Rule.ToString());
            }

            foreach (var (rule, series) in registry.Unassociated)
            {
                LogUnassociated(_logger, rule.ToString(), series);
            }
        }

        Rebuild(registry);
    }

    /// <summary>
    /// The cluster's resources, so labels resolve as the RESTMapper would (a CRD's singular name included). A failure
    /// keeps what was learnt before (at worst the built-in table): association degrades, reads do not stop.
    /// </summary>
    private async Task LearnResourcesAsync(CancellationToken cancellationToken)
    {
        if (_discoverResources is null)
        {
            return;
        }

        try
        {
            ResourceNames.Learn(await _discoverResources(cancellationToken).ConfigureAwait(false));
        }
        catch (Exception e) when (e is HttpRequestException or System.Text.Json.JsonException or KeyNotFoundException or InvalidOperationException or TaskCanceledException && !cancellationToken.IsCancellationRequested)
        {
            LogDiscoveryFailed(_logger, e.Message);
        }
    }

    /// <summary>"name (resources) from rules[i]" per metric: what discovery will list, for the log.</summary>
    private static string Describe(RuleRegistry registry) =>
        string.Join("; ", registry.Metrics.Select(m => $"{m.Name} ({string.Join(", ", m.Resources)}) from {m.Rule.Section}[{m.Rule.Index}]")
            .Concat(registry.External.Select(m => $"{m.Name} (external) from {m.Rule.Section}[{m.Rule.Index}]"))
            .Concat(registry.Unassociated.Select(u => $"{u.Series} (no resource) from {u.Rule}")));

    private void Rebuild(RuleRegistry registry)
    {
        var ruleNames = registry.Metrics.Select(m => m.Name).ToHashSet(StringComparer.Ordinal);
        var polled = new List<PolledMetric>();
        if (_options.BuiltInQueries)
        {
            // Derived metrics (arrivals, waiting prompt tokens, windowed means) are computed from scraped pages only.
            polled.AddRange(_builtIn.Definitions.Where(d => !ruleNames.Contains(d.Name) && d.Formula is null)
                .Select(d => BuiltInQueries.For(d, _options.NamespaceLabel, _options.PodLabel)));
        }

        var catalog = new MetricCatalog(_builtIn.Definitions.Where(d => !ruleNames.Contains(d.Name) && d.Formula is null));
        Volatile.Write(ref _registry, registry);
        PublishRuleMetrics(registry);
        Volatile.Write(ref _polled, polled);
        Volatile.Write(ref _catalog, catalog);
    }
}
