using Autoscale.Kubernetes;
using Autoscale.MetricsAdapter.Sources.Prometheus.Client;
using Autoscale.MetricsAdapter.Sources.Prometheus.Rules;
namespace Autoscale.MetricsAdapter.Sources.Prometheus;

/// <summary>
/// Rule metrics as prometheus-adapter serves them: each read is answered from the rule's own <c>metricsQuery</c> with
/// the requested resource's label matchers and <c>GroupBy</c> = that resource's label, for every object of the resource
/// in the namespace at once (<c>pod!=""</c> instead of upstream's <c>pod=~"a|b|…"</c>). A query is run when a read
/// first needs it and then polled every interval, so later reads never wait on Prometheus.
/// </summary>
internal sealed partial class PrometheusSource : IRuleValues
{
    private IReadOnlyList<ServedRuleMetric> _customInfos = [];
    private IReadOnlyList<string> _externalInfos = [];
    private HashSet<string> _customNames = [];
    private HashSet<string> _externalNames = [];

    /// <summary>What the last relist found.</summary>
    public RuleRegistry Registry => Volatile.Read(ref _registry);

    /// <summary>Rule queries being polled.</summary>
    public int RuleQueries => _ruleQueries.Count;

    public IReadOnlyList<ServedRuleMetric> CustomMetrics => Volatile.Read(ref _customInfos);

    public IReadOnlyList<string> ExternalMetrics => Volatile.Read(ref _externalInfos);

    public bool ServesCustom(string metric) => Volatile.Read(ref _customNames).Contains(metric);

    public bool ServesExternal(string metric) => Volatile.Read(ref _externalNames).Contains(metric);

    public string? ObjectLabel(string metric, GroupResource resource) =>
        Registry.Find(metric, resource) is { } found ? found.Rule.Resources.LabelFor(resource) : null;

    public RuleAnswer? Answer(RuleQueryKey key) => _ruleQueries.Answer(key);

    public async ValueTask PrepareAsync(RuleQueryKey key, LabelSelector metricSelector, CancellationToken cancellationToken)
    {
        var entry = _ruleQueries.Touch(key, metricSelector, out var created)
            ?? throw new ApiStatusException(ApiStatus.ServiceUnavailable(
                $"the adapter already polls {_ruleQueries.Count} rule queries (its limit); queries unused for {_ruleQueries.IdleAfter.TotalMinutes:0} minutes are dropped"));
        if (entry.Answer is not null)
        {
            return;
        }

        if (created)
        {
            await EvaluateAsync(entry, cancellationToken).ConfigureAwait(false);
            return;
        }

        try
        {
            await entry.FirstAnswer.Task.WaitAsync(FirstAnswerTimeout, _time, cancellationToken).ConfigureAwait(false);
        }
        catch (TimeoutException)
        {
            throw new ApiStatusException(ApiStatus.InternalError($"unable to fetch metrics: Prometheus did not answer within {FirstAnswerTimeout.TotalSeconds:0.#} s"));
        }
    }

    private TimeSpan FirstAnswerTimeout => _options.Timeout * (_options.MaxRetries + 1) + _options.Interval;

    /// <summary>Polls every rule query a read has asked for recently; returns (queries, failed, last error).</summary>
    private async Task<(int Queries, int Failed, PromError? LastError)> PollRulesAsync(CancellationToken cancellationToken)
    {
        _ruleQueries.Expire();
        var entries = _ruleQueries.Entries.ToList();
        var errors = new PromError?[entries.Count];
        await Parallel.ForAsync(0, entries.Count, new ParallelOptions { MaxDegreeOfParallelism = Math.Max(1, _options.MaxConcurrentQueries), CancellationToken = cancellationToken },
            async (i, ct) => errors[i] = await EvaluateAsync(entries[i], ct).ConfigureAwait(false)).ConfigureAwait(false);
        var failed = errors.Count(e => e is not null);
        return (entries.Count, failed, errors.LastOrDefault(e => e is not null));
    }

    /// <summary>Runs one rule query and stores its answer; a failure keeps the previous series with the error.</summary>
    private async Task<PromError?> EvaluateAsync(RuleQueryCache.Entry entry, CancellationToken cancellationToken)
    {
        var key = entry.Key;
        var registry = Registry;
        PromResult<string> query;
        if (key.External)
        {
            if (registry.External.FirstOrDefault(m => m.Name == key.Metric) is not { } metric)
            {
                _ruleQueries.Remove(key);
                entry.Answer = RuleAnswer.Pending;
                return null;
            }

            query = metric.Rule.Query.BuildExternal(metric.SeriesName, key.Namespace, [], entry.MetricSelector);
        }
        else
        {
            if (registry.Find(key.Metric, key.Resource) is not { } found)
            {
                _ruleQueries.Remove(key);
                entry.Answer = RuleAnswer.Pending;
                return null;
            }

            query = found.Rule.Query.Build(found.Series, key.Resource, key.Namespace, [], entry.MetricSelector, []);
        }

        var error = query.Error;
        PromQueryResult? result = null;
        if (query.IsSuccess)
        {
            _metrics.Query();
            var answer = await _client.QueryAsync(query.Value, cancellationToken).ConfigureAwait(false);
            error = answer.Error;
            result = answer.Value;
            if (result is not null && result.Type != PromResultType.Vector && !(key.External && result.Type == PromResultType.Scalar))
            {
                error = new PromError(PromErrorKind.BadResponse, $"{key.Metric}: the query returned a {result.Type}, not a vector");
            }
        }

        if (error is not null)
        {
            _metrics.Error(error);
            entry.Answer = (entry.Answer ?? RuleAnswer.Pending) with { Error = error.ToString() };
            return error;
        }

        entry.Answer = new RuleAnswer([.. result!.Series.Select(s => new RuleSample(s.Labels, s.Last))], _time.GetUtcNow(), null);
        return null;
    }

    private void PublishRuleMetrics(RuleRegistry registry)
    {
        Volatile.Write(ref _customInfos, [.. registry.Metrics.SelectMany(m => m.Resources.Select(r => new ServedRuleMetric(m.Name, r, ResourceNames.IsNamespaced(r))))]);
        Volatile.Write(ref _externalInfos, [.. registry.External.Select(m => m.Name)]);
        Volatile.Write(ref _customNames, registry.Metrics.Select(m => m.Name).ToHashSet(StringComparer.Ordinal));
        Volatile.Write(ref _externalNames, registry.External.Select(m => m.Name).ToHashSet(StringComparer.Ordinal));
    }
}
