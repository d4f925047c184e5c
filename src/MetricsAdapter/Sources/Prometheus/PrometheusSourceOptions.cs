using Autoscale.MetricsAdapter.Sources.Prometheus.Rules;

namespace Autoscale.MetricsAdapter.Sources.Prometheus;

/// <summary>The Prometheus source: where Prometheus is, how it is called and polled, and the prometheus-adapter rules.</summary>
internal sealed record PrometheusSourceOptions
{
    /// <summary>Prometheus' base URL (a path prefix such as <c>/prometheus/</c> is kept).</summary>
    public required Uri Url { get; init; }

    /// <summary>Per-attempt timeout of one HTTP call.</summary>
    public TimeSpan Timeout { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>How often the needed queries are evaluated and written to the store.</summary>
    public TimeSpan Interval { get; init; } = TimeSpan.FromSeconds(2);

    /// <summary>How often rules rediscover series via <c>/api/v1/series</c> (<c>--metrics-relist-interval</c>).</summary>
    public TimeSpan RelistInterval { get; init; } = TimeSpan.FromMinutes(1);

    /// <summary>How far back a relist looks (<c>--metrics-max-age</c>); at least the relist interval.</summary>
    public TimeSpan? MetricsMaxAge { get; init; }

    public PrometheusVerb Verb { get; init; } = PrometheusVerb.Post;

    /// <summary>Extra headers on every call (<c>--prometheus-header</c>).</summary>
    public IReadOnlyDictionary<string, string> Headers { get; init; } = new Dictionary<string, string>();

    /// <summary>A file holding a bearer token (re-read every minute: projected tokens rotate).</summary>
    public string? BearerTokenFile { get; init; }

    /// <summary>prometheus-adapter <c>rules:</c>, from <see cref="AdapterRulesParser.Parse"/>.</summary>
    public IReadOnlyList<AdapterRule> Rules { get; init; } = [];

    /// <summary>prometheus-adapter <c>externalRules:</c>, served on external.metrics.k8s.io.</summary>
    public IReadOnlyList<AdapterRule> ExternalRules { get; init; } = [];

    /// <summary>Rules present in the config but not served, each with why (for the log, the metric and <c>--check</c>).</summary>
    public IReadOnlyList<RuleRefusal> Refusals { get; init; } = [];

    /// <summary>A rule query no read has asked for in this long stops being polled.</summary>
    public TimeSpan RuleQueryIdleAfter { get; init; } = TimeSpan.FromMinutes(10);

    /// <summary>At most this many rule queries are polled (each distinct metric, resource, namespace and metric selector read).</summary>
    public int MaxRuleQueries { get; init; } = 2000;

    /// <summary>Evaluate the catalog's built-in metrics from the raw vLLM/DCGM series too.</summary>
    public bool BuiltInQueries { get; init; } = true;

    /// <summary>Labels that name a series' namespace and pod for the built-in queries.</summary>
    public string NamespaceLabel { get; init; } = "namespace";

    public string PodLabel { get; init; } = "pod";

    public int MaxConcurrentQueries { get; init; } = 4;

    public int MaxRetries { get; init; } = 2;

    public TimeSpan RetryBaseDelay { get; init; } = TimeSpan.FromMilliseconds(200);

    /// <summary>How long the breaker stays open after it trips; calls fail fast meanwhile.</summary>
    public TimeSpan CircuitBreakDuration { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>With <see cref="PrometheusVerb.Get"/>, longer URLs are sent as POST (proxies answer 414 near 8 KiB).</summary>
    public int MaxGetUrlLength { get; init; } = 4096;

    public TimeSpan EffectiveMaxAge => MetricsMaxAge is { } age && age > RelistInterval ? age : RelistInterval;
}
