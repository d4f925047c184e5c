namespace Autoscale.MetricsAdapter.Sources.Prometheus;

/// <summary>How queries are sent (prometheus-adapter's <c>--prometheus-verb</c>).</summary>
internal enum PrometheusVerb
{
    /// <summary>Form body: no URL length limit (the default).</summary>
    Post,

    /// <summary>Query string, for proxies that refuse POST; a query too long for a URL is still sent as POST.</summary>
    Get,
}
