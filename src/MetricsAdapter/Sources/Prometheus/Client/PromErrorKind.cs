namespace Autoscale.MetricsAdapter.Sources.Prometheus.Client;

/// <summary>Why a call to Prometheus failed; also the bounded <c>kind</c> label of the errors counter.</summary>
internal enum PromErrorKind
{
    /// <summary>An attempt exceeded its timeout.</summary>
    Timeout,

    /// <summary>No connection (refused, reset, DNS).</summary>
    Connection,

    /// <summary>The circuit breaker is open: calls are not made for a while.</summary>
    CircuitOpen,

    /// <summary>An HTTP status without a Prometheus error body (a proxy's 502, a 414...).</summary>
    HttpStatus,

    /// <summary>Prometheus answered <c>"status":"error"</c> (bad query, execution error, timeout inside Prometheus).</summary>
    Query,

    /// <summary>The body is not the JSON Prometheus' API sends.</summary>
    BadResponse,

    /// <summary>A rule could not produce a query (template error, unsupported selector operator).</summary>
    Rule,
}
