using System.Runtime.CompilerServices;
using System.Security.Cryptography.X509Certificates;

namespace Autoscale.MetricsAdapter.Auth;

/// <summary>Checks that a client certificate chains to a CA bundle for client authentication.</summary>
internal delegate bool CertificateCheck(X509Certificate2 certificate, X509Certificate2Collection roots, X509Certificate2Collection intermediates, DateTimeOffset now, out string? error);

/// <summary>
/// Remembers that a client certificate chained to a CA bundle, so a keep-alive connection pays for
/// <see cref="System.Security.Cryptography.X509Certificates.X509Chain"/>.Build once instead of on every request
/// (an HPA or the aggregator reuses its connection for thousands of requests).
/// Kestrel hands every request of a TLS connection the same <see cref="X509Certificate2"/> instance, so verdicts are
/// keyed by that instance in a <see cref="ConditionalWeakTable{TKey,TValue}"/> and die with the connection.
/// A verdict is reused only for the same CA bundle instance (a reload builds a new bundle, so a rotated CA is
/// checked again), for at most <see cref="MaxAge"/>, and never past the certificate's NotAfter. Only successes are
/// kept: a rejected certificate is checked again each time, so fixing the CA takes effect at once.
/// </summary>
internal sealed class VerifiedCertificates(CertificateCheck check, TimeSpan maxAge)
{
    public static readonly TimeSpan DefaultMaxAge = TimeSpan.FromMinutes(1);

    private readonly ConditionalWeakTable<X509Certificate2, Verdicts> _verdicts = [];

    public VerifiedCertificates()
        : this(CertificateVerifier.Verify, DefaultMaxAge)
    {
    }

    public TimeSpan MaxAge => maxAge;

    public bool Verify(X509Certificate2 certificate, X509Certificate2Collection roots, DateTimeOffset now, out string? error) =>
        Verify(certificate, roots, [], now, out error);

    /// <param name="intermediates">What the client sent with its certificate (the same for every request of a connection).</param>
    public bool Verify(X509Certificate2 certificate, X509Certificate2Collection roots, X509Certificate2Collection intermediates, DateTimeOffset now, out string? error)
    {
        var verdicts = _verdicts.GetOrCreateValue(certificate);
        if (verdicts.Holds(roots, now))
        {
            error = null;
            return true;
        }

        if (!check(certificate, roots, intermediates, now, out error))
        {
            return false;
        }

        var notAfter = new DateTimeOffset(certificate.NotAfter.ToUniversalTime());
        verdicts.Remember(roots, now + maxAge < notAfter ? now + maxAge : notAfter);
        return true;
    }

    /// <summary>The bundles one certificate was verified against (a front-proxy and a client CA at most), with expiry.</summary>
    private sealed class Verdicts
    {
        private readonly Lock _lock = new();
        private (X509Certificate2Collection Roots, DateTimeOffset Until)[] _entries = [];

        public bool Holds(X509Certificate2Collection roots, DateTimeOffset now)
        {
            var entries = Volatile.Read(ref _entries);
            foreach (var (known, until) in entries)
            {
                if (ReferenceEquals(known, roots))
                {
                    return now < until;
                }
            }

            return false;
        }

        public void Remember(X509Certificate2Collection roots, DateTimeOffset until)
        {
            lock (_lock)
            {
                // Keep the newest two: a certificate is checked against the front-proxy CA and the client CA at most;
                // older bundles are ones a reload replaced.
                var kept = _entries.Where(e => !ReferenceEquals(e.Roots, roots)).TakeLast(1);
                Volatile.Write(ref _entries, [.. kept, (roots, until)]);
            }
        }
    }
}
