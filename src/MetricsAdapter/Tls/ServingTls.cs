using System.Net.Security;
using Microsoft.AspNetCore.Server.Kestrel.Https;

namespace Autoscale.MetricsAdapter.Tls;

/// <summary>
/// The HTTPS options of every port the adapter serves with a certificate (the API, the KEDA scaler): the current
/// certificate with its intermediates, the minimum TLS version, the TLS 1.2 cipher suites and the handshake timeout.
/// </summary>
internal static class ServingTls
{
    public static HttpsConnectionAdapterOptions Options(ServingCertificate certificate, TlsSettings tls, CipherSuitesPolicy? cipherSuites, TimeSpan handshakeTimeout) => new()
    {
        ServerCertificateSelector = (_, _) => certificate.Current,
        SslProtocols = tls.Protocols,
        HandshakeTimeout = handshakeTimeout,
        OnAuthenticate = (_, ssl) =>
        {
            ssl.CipherSuitesPolicy = cipherSuites;
            // The certificate with its intermediates (the selector above can hand over the leaf only).
            ssl.ServerCertificateSelectionCallback = null;
            ssl.ServerCertificateContext = certificate.CurrentContext;
        },
    };
}
