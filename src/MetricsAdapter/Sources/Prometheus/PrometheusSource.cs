using Autoscale.MetricsAdapter.Sources.Prometheus.Client;
using Autoscale.MetricsAdapter.Sources.Prometheus.Rules;
using Autoscale.MetricsAdapter.Store;
using Autoscale.MetricsAdapter.Sources.Definitions;

namespace Autoscale.MetricsAdapter.Sources.Prometheus;

/// <summary>
/// Reads Prometheus instead of scraping pods. prometheus-adapter runs a query per HPA request; this source polls every
/// <see cref="PrometheusSourceOptions.Interval"/> instead, so a request never waits on Prometheus (but the first for a
/// rule query) and Prometheus' load is bounded however many HPAs ask: the built-in metrics into the store (metrics ×
/// namespaces queries), and the rule queries reads have asked for (see PrometheusSource.Rules.cs). The price: values
/// are up to one interval older than a per-request query would return. Rules relist their series every
/// <see cref="PrometheusSourceOptions.RelistInterval"/>; a failed relist keeps the previous registry, as upstream does.
/// </summary>
internal sealed partial class PrometheusSource : BackgroundService
{
    private readonly PrometheusSourceOptions _options;
    private readonly PrometheusClient _client;
    private readonly MetricStore _store;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly PrometheusSourceMetrics _metrics;
    private readonly SourceHeartbeat? _heartbeat;
    private readonly PrometheusPoller _poller;
    private readonly MetricCatalog _builtIn;
    private RuleRegistry _registry = RuleRegistry.Empty;
    private IReadOnlyList<PolledMetric> _polled = [];
    private MetricCatalog _catalog;
    private readonly RuleQueryCache _ruleQueries;
    private DateTimeOffset? _relistedAt;

    private readonly Func<CancellationToken, Task<IReadOnlyList<ApiResource>>>? _discoverResources;

    /// <param name="discoverResources">Lists the cluster's API resources (CRDs included) before each relist; null: the built-in table only.</param>
    public PrometheusSource(
        PrometheusSourceOptions options, PrometheusClient client, MetricStore store, TimeProvider time, ILogger<PrometheusSource> logger,
        PrometheusSourceMetrics metrics, SourceHeartbeat? heartbeat = null, MetricCatalog? builtIn = null,
        Func<CancellationToken, Task<IReadOnlyList<ApiResource>>>? discoverResources = null)
    {
        _discoverResources = discoverResources;
        ArgumentNullException.ThrowIfNull(options);
        _options = options;
        _client = client;
        _store = store;
        _time = time;
        _logger = logger;
        _metrics = metrics;
        _heartbeat = heartbeat;
        _builtIn = builtIn ?? MetricCatalog.BuiltIn;
        _catalog = _builtIn;
        _poller = new PrometheusPoller(client, store, metrics, options.MaxConcurrentQueries);
        _ruleQueries = new RuleQueryCache(time, options.RuleQueryIdleAfter, options.MaxRuleQueries);
        _metrics.Refused(options.Refusals);
        Rebuild(RuleRegistry.Empty);
    }

    public PrometheusSourceStatus Status { get; } = new();

    /// <summary>Builds the HttpClient and client from the options: what the host wires.</summary>
    public static PrometheusSource Create(
        PrometheusSourceOptions options, MetricStore store, TimeProvider time, ILoggerFactory loggers,
        global::Prometheus.CollectorRegistry registry, SourceHeartbeat? heartbeat = null, k8s.IKubernetes? kubernetes = null)
    {
        ArgumentNullException.ThrowIfNull(loggers);
        var client = new PrometheusClient(PrometheusHttp.CreateClient(options, time), options, time);
        return new PrometheusSource(options, client, store, time, loggers.CreateLogger<PrometheusSource>(), new PrometheusSourceMetrics(registry), heartbeat,
            discoverResources: kubernetes is k8s.Kubernetes cluster ? ct => ApiResourceDiscovery.ListAsync(cluster, ct) : null);
    }

    /// <summary>
    /// The built-in catalog less the names a rule serves (the user's rule wins over a built-in of the same name, for
    /// every resource; its values come from the rule's query). Swapped on relist.
    /// </summary>
    public MetricCatalog Catalog => Volatile.Read(ref _catalog);

    /// <summary>One tick: relist when due, then poll. Never throws for Prometheus' failures.</summary>
    public async Task RunOnceAsync(CancellationToken cancellationToken)
    {
        var now = _time.GetUtcNow();
        if (_options.Rules.Count + _options.ExternalRules.Count > 0 && (_relistedAt is not { } at || now - at >= RelistDue()))
        {
            await RelistAsync(cancellationToken).ConfigureAwait(false);
        }

        var builtIn = await _poller.PollAsync(Volatile.Read(ref _polled), cancellationToken).ConfigureAwait(false);
        var rules = await PollRulesAsync(cancellationToken).ConfigureAwait(false);
        _metrics.RuleQueries(rules.Queries);
        var outcome = builtIn with { Queries = builtIn.Queries + rules.Queries, Failed = builtIn.Failed + rules.Failed, LastError = rules.LastError ?? builtIn.LastError };
        var end = _time.GetUtcNow();
        if (outcome.LastError is { } error)
        {
            if (Status.ConsecutiveFailedCycles == 0)
            {
                LogFailing(_logger, outcome.Failed, outcome.Queries, error.ToString());
            }
            else
            {
                LogStillFailing(_logger, outcome.Failed, outcome.Queries, error.ToString());
            }

            Status.CycleFailed(error, end);
        }
        else
        {
            if (Status.ConsecutiveFailedCycles > 0)
            {
                LogRecovered(_logger, Status.ConsecutiveFailedCycles);
            }

            Status.CycleSucceeded(end);
        }

        // A finished cycle counts as reported even when every query failed: the adapter must become ready (the
        // aggregator marks the APIService unavailable otherwise, breaking cluster discovery) and answer metric reads
        // with a Status that names the cause.
        _store.MarkSourcesReported();

        _heartbeat?.Tick(end);
    }

    /// <summary>
    /// Until a relist has found something, relist every 10 intervals instead of waiting a whole relist interval: an
    /// adapter started before Prometheus' first scrape would otherwise serve no rule metric for minutes (upstream #64).
    /// </summary>
    private TimeSpan RelistDue() =>
        Volatile.Read(ref _registry) is { Metrics.Count: 0, External.Count: 0 } && _options.Interval * 10 < _options.RelistInterval ? _options.Interval * 10 : _options.RelistInterval;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        LogStarted(_logger, _options.Url, _options.Interval.TotalSeconds, _options.Rules.Count, _options.ExternalRules.Count);
        foreach (var refusal in _options.Refusals)
        {
            LogRefused(_logger, refusal.ToString());
        }

        using var timer = new PeriodicTimer(_options.Interval, _time);
        do
        {
            try
            {
                await RunOnceAsync(stoppingToken).ConfigureAwait(false);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                // A bug in one tick must not end the source: the next tick starts over from the store.
                LogTickFailed(_logger, e);
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken).ConfigureAwait(false));
    }
}
