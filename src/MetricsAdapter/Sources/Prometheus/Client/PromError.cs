namespace Autoscale.MetricsAdapter.Sources.Prometheus.Client;

/// <summary>A failed call, typed: the kind, a message for logs and the API, and what Prometheus said if it said anything.</summary>
/// <param name="StatusCode">The HTTP status, when there was a response.</param>
/// <param name="ErrorType">Prometheus' <c>errorType</c> (bad_data, execution, timeout, ...), when it sent one.</param>
internal sealed record PromError(PromErrorKind Kind, string Message, int? StatusCode = null, string? ErrorType = null)
{
    /// <summary>The counter label: snake_case of the kind.</summary>
    public string KindLabel => Kind switch
    {
        PromErrorKind.Timeout => "timeout",
        PromErrorKind.Connection => "connection",
        PromErrorKind.CircuitOpen => "circuit_open",
        PromErrorKind.HttpStatus => "http_status",
        PromErrorKind.Query => "query",
        PromErrorKind.BadResponse => "bad_response",
        _ => "rule",
    };

    public override string ToString() => $"{KindLabel}: {Message}";
}
