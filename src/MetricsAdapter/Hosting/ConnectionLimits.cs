namespace Autoscale.MetricsAdapter.Hosting;

/// <summary>
/// Bounds on connections and request headers on the secure port. Header limits are enforced per request by the app
/// (<see cref="Api.ApiLimits"/>, a 431 Status), with Kestrel's own limits set well above them: over HTTP/2 Kestrel can only refuse an oversized
/// header block by failing the whole connection (GOAWAY), which through the aggregator's shared connection would
/// fail every other caller too. Go's HTTP/2 server answers such a stream with 431 and keeps the connection.
/// </summary>
/// <param name="MaxConnections">Open connections at most (<c>--max-connections</c>); further ones wait in the accept queue.</param>
/// <param name="IdleTimeout">An idle keep-alive connection is closed after this (<c>--idle-connection-timeout</c>).</param>
/// <param name="TlsHandshakeTimeout">A TLS handshake must finish within this (<c>--tls-handshake-timeout</c>).</param>
internal sealed record ConnectionLimits(long MaxConnections, TimeSpan IdleTimeout, TimeSpan TlsHandshakeTimeout)
{
    /// <summary>What Kestrel itself tolerates before failing a connection (Go's default MaxHeaderBytes, 1 MB).</summary>
    public const int TransportMaxHeaderBytes = 1024 * 1024;

    /// <summary>What Kestrel itself tolerates in header count before failing a connection.</summary>
    public const int TransportMaxHeaderCount = 4 * 1024;

    public static ConnectionLimits Default { get; } = new(1_000, TimeSpan.FromSeconds(90), TimeSpan.FromSeconds(10));
}
