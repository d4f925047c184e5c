using System.Net.Security;
using System.Security.Authentication;

namespace Autoscale.MetricsAdapter.Tls;

/// <summary>
/// The secure port's TLS versions and TLS 1.2 cipher suites, named as kube-apiserver's <c>--tls-min-version</c> and
/// <c>--tls-cipher-suites</c> name them (Go's names, which are the IANA names .NET's <see cref="TlsCipherSuite"/> uses).
/// TLS 1.3 suites are not configurable (as in Go) and always offered.
/// </summary>
internal sealed record TlsSettings(SslProtocols Protocols, IReadOnlyList<TlsCipherSuite> Tls12CipherSuites)
{
    /// <summary>
    /// Go's default TLS 1.2 suites without its CBC ones: ECDHE key exchange with an AEAD cipher only (no CBC, which
    /// .NET would otherwise also offer with SHA-256/384, suites Go never enables by default).
    /// </summary>
    public static IReadOnlyList<TlsCipherSuite> DefaultTls12CipherSuites { get; } =
    [
        TlsCipherSuite.TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256,
        TlsCipherSuite.TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256,
        TlsCipherSuite.TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384,
        TlsCipherSuite.TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384,
        TlsCipherSuite.TLS_ECDHE_ECDSA_WITH_CHACHA20_POLY1305_SHA256,
        TlsCipherSuite.TLS_ECDHE_RSA_WITH_CHACHA20_POLY1305_SHA256,
    ];

    private static readonly TlsCipherSuite[] Tls13CipherSuites =
    [
        TlsCipherSuite.TLS_AES_128_GCM_SHA256,
        TlsCipherSuite.TLS_AES_256_GCM_SHA384,
        TlsCipherSuite.TLS_CHACHA20_POLY1305_SHA256,
    ];

    public static TlsSettings Default { get; } = new(SslProtocols.Tls12 | SslProtocols.Tls13, DefaultTls12CipherSuites);

    /// <summary>The suites offered: the configured TLS 1.2 ones (when TLS 1.2 is on) and TLS 1.3's; null on Windows, where SChannel decides.</summary>
    public CipherSuitesPolicy? CipherSuitesPolicy()
    {
        if (OperatingSystem.IsWindows())
        {
            return null;
        }

        return new(Protocols.HasFlag(SslProtocols.Tls12) ? [.. Tls12CipherSuites, .. Tls13CipherSuites] : Tls13CipherSuites);
    }

    /// <summary><c>--tls-min-version</c>: VersionTLS12 or VersionTLS13 (1.0 and 1.1 are not offered at all).</summary>
    public static SslProtocols ParseMinVersion(string value) => value switch
    {
        "VersionTLS12" => SslProtocols.Tls12 | SslProtocols.Tls13,
        "VersionTLS13" => SslProtocols.Tls13,
        "VersionTLS10" or "VersionTLS11" => throw new ArgumentException($"flag --tls-min-version: {value} is not supported: TLS 1.0 and 1.1 are never offered"),
        _ => throw new ArgumentException($"flag --tls-min-version: \"{value}\" is not one of VersionTLS12, VersionTLS13"),
    };

    /// <summary><c>--tls-cipher-suites</c>: Go/IANA names of TLS 1.2 suites, comma-separated; TLS 1.3 names are accepted and ignored, as Go does.</summary>
    public static IReadOnlyList<TlsCipherSuite> ParseCipherSuites(IEnumerable<string> names)
    {
        var suites = new List<TlsCipherSuite>();
        foreach (var name in names)
        {
            // Go also spells the ChaCha20 suites without the hash ("..._CHACHA20_POLY1305").
            var iana = name.EndsWith("_CHACHA20_POLY1305", StringComparison.Ordinal) ? name + "_SHA256" : name;
            if (!name.StartsWith("TLS_", StringComparison.Ordinal) || !Enum.TryParse<TlsCipherSuite>(iana, ignoreCase: false, out var suite) || !Enum.IsDefined(suite))
            {
                throw new ArgumentException($"flag --tls-cipher-suites: unknown cipher suite \"{name}\"");
            }

            if (!Tls13CipherSuites.Contains(suite) && !suites.Contains(suite))
            {
                suites.Add(suite);
            }
        }

        return suites.Count > 0 ? suites : throw new ArgumentException("flag --tls-cipher-suites: no TLS 1.2 cipher suite given");
    }
}
