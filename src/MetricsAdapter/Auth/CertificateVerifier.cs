using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace Autoscale.MetricsAdapter.Auth;

/// <summary>
/// Verifies a client certificate against a CA bundle for client authentication, as Go's x509 Verify does: the
/// intermediates the client sent, and any intermediate in the bundle, may complete the chain to a root.
/// </summary>
internal static class CertificateVerifier
{
    private static readonly Oid ClientAuth = new("1.3.6.1.5.5.7.3.2");

    public static bool Verify(X509Certificate2 certificate, X509Certificate2Collection roots, DateTimeOffset now, out string? error) =>
        Verify(certificate, roots, [], now, out error);

    public static bool Verify(X509Certificate2 certificate, X509Certificate2Collection roots, X509Certificate2Collection intermediates, DateTimeOffset now, out string? error)
    {
        using var chain = new X509Chain();
        chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        chain.ChainPolicy.CustomTrustStore.AddRange(roots);
        chain.ChainPolicy.ExtraStore.AddRange(roots);
        chain.ChainPolicy.ExtraStore.AddRange(intermediates);
        chain.ChainPolicy.DisableCertificateDownloads = true;
        chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        chain.ChainPolicy.VerificationTime = now.UtcDateTime;
        chain.ChainPolicy.VerificationTimeIgnored = false;
        chain.ChainPolicy.ApplicationPolicy.Add(ClientAuth);
        if (chain.Build(certificate))
        {
            error = null;
            return true;
        }

        error = string.Join("; ", chain.ChainStatus.Select(s => s.StatusInformation.Trim()).Where(s => s.Length > 0));
        if (error.Length == 0)
        {
            error = "certificate signed by unknown authority";
        }

        return false;
    }
}
