namespace Autoscale.MetricsAdapter.Hosting;

/// <summary>
/// The KEDA external scaler's port (<c>--keda-scaler-*</c> flags): off unless a port is given; TLS with the API's
/// serving certificate unless its own files are given; plaintext only when asked for explicitly.
/// </summary>
internal sealed record KedaScalerOptions
{
    /// <summary>The gRPC port; -1: no scaler (the default). 0 picks a free port (tests).</summary>
    public int Port { get; init; } = -1;

    /// <summary>Its own serving certificate (PEM); null: the API's (<c>--tls-cert-file</c>, or the self-signed one).</summary>
    public string? TlsCertFile { get; init; }

    public string? TlsPrivateKeyFile { get; init; }

    /// <summary>h2c without TLS (KEDA's trigger without <c>enableTLS</c>): only when asked for.</summary>
    public bool Plaintext { get; init; }

    /// <summary>How often an open <c>StreamIsActive</c> re-reads its value.</summary>
    public TimeSpan StreamInterval { get; init; } = TimeSpan.FromSeconds(5);

    public bool Enabled => Port >= 0;
}
