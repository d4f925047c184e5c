using Autoscale.MetricsAdapter.Catalog;
using Autoscale.MetricsAdapter.Sources.Prometheus.Client;
using Autoscale.MetricsAdapter.Sources.Prometheus.Rules;

namespace Autoscale.MetricsAdapter.Sources.Prometheus;

/// <summary>Series discovery for the rules, and the polled set and catalog it yields.</summary>
internal sealed partial class PrometheusSource
{
    private async Task RelistAsync(CancellationToken cancellationToken)
    {
        var start = _time.GetUtcNow() - _options.EffectiveMaxAge;
        var queries = _options.Rules.Select(r => r.SeriesQuery).Distinct(StringComparer.Ordinal).ToList();
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
        var registry = RuleRegistry.Build(_options.Rules, seriesByQuery);
        var before = Volatile.Read(ref _registry).Metrics.Select(m => m.Name);
        if (!before.SequenceEqual(registry.Metrics.Select(m => m.Name), StringComparer.Ordinal))
        {
            foreach (var skipped in registry.Metrics.Where(m => !m.ServesPods))
            {
                LogNotPerPod(_logger, skipped.Name, skipped.Rule.Line, string.Join(", ", skipped.Resources));
            }

            LogRelisted(_logger, registry.Metrics.Count(m => m.ServesPods), string.Join(", ", registry.Metrics.Where(m => m.ServesPods).Select(m => m.Name)));
        }

        Rebuild(registry);
    }

    private void Rebuild(RuleRegistry registry)
    {
        var fromRules = registry.Metrics.Where(m => m.ServesPods).ToList();
        var ruleNames = fromRules.Select(m => m.Name).ToHashSet(StringComparer.Ordinal);
        var polled = new List<PolledMetric>();
        if (_options.BuiltInQueries)
        {
            polled.AddRange(_builtIn.Definitions.Where(d => !ruleNames.Contains(d.Name))
                .Select(d => BuiltInQueries.For(d, _options.NamespaceLabel, _options.PodLabel)));
        }

        polled.AddRange(fromRules.Select(RuleQueries.For));
        var catalog = new MetricCatalog(_builtIn.Definitions.Where(d => !ruleNames.Contains(d.Name)).Concat(fromRules.Select(m => m.ToDefinition())));
        Volatile.Write(ref _registry, registry);
        Volatile.Write(ref _polled, polled);
        Volatile.Write(ref _catalog, catalog);
    }
}
