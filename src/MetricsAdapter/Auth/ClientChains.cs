using System.Runtime.CompilerServices;
using System.Security.Cryptography.X509Certificates;

namespace Autoscale.MetricsAdapter.Auth;

/// <summary>
/// The intermediate certificates a client sent with its certificate in the TLS handshake, kept for the authenticator
/// (upstream's x509 authenticator verifies with <c>PeerCertificates[1:]</c> as intermediates). Kestrel hands the
/// authenticator only the leaf, so the handshake's validation callback records the rest here, keyed by the leaf
/// instance, which is the one every request of that connection sees; entries die with the connection.
/// </summary>
internal sealed class ClientChains
{
    private static readonly X509Certificate2Collection None = [];
    private readonly ConditionalWeakTable<X509Certificate2, X509Certificate2Collection> _sent = [];

    /// <summary>Called during the handshake: copies what the client sent besides its own certificate.</summary>
    public void Remember(X509Certificate2 certificate, X509Chain? chain)
    {
        if (chain is null || chain.ChainPolicy.ExtraStore.Count == 0)
        {
            return;
        }

        var sent = new X509Certificate2Collection();
        foreach (var other in chain.ChainPolicy.ExtraStore)
        {
            if (!other.RawDataMemory.Span.SequenceEqual(certificate.RawDataMemory.Span))
            {
                // Copied: the handshake disposes its chain's certificates afterwards.
                sent.Add(X509CertificateLoader.LoadCertificate(other.RawData));
            }
        }

        _sent.AddOrUpdate(certificate, sent);
    }

    public X509Certificate2Collection SentWith(X509Certificate2 certificate) =>
        _sent.TryGetValue(certificate, out var sent) ? sent : None;
}
