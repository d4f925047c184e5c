using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace Autoscale.MetricsAdapter.Tls;

/// <summary>
/// Makes ECDSA P-256 certificates: a CA, serving certificates and client certificates. Used for the self-signed
/// serving certificate when none is configured, by the demo (its CA, server and client certs) and by tests.
/// </summary>
internal static class CertificateFactory
{
    private static readonly Oid ServerAuth = new("1.3.6.1.5.5.7.3.1");
    private static readonly Oid ClientAuth = new("1.3.6.1.5.5.7.3.2");

    /// <summary>A CA: self-signed (a root), or an intermediate signed by <paramref name="issuer"/>.</summary>
    public static X509Certificate2 CreateCa(string commonName, DateTimeOffset now, TimeSpan? validity = null, X509Certificate2? issuer = null)
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest($"CN={commonName}", key, HashAlgorithmName.SHA256);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, false, 0, true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.KeyCertSign | X509KeyUsageFlags.CrlSign | X509KeyUsageFlags.DigitalSignature, true));
        request.CertificateExtensions.Add(new X509SubjectKeyIdentifierExtension(request.PublicKey, false));
        return Issue(request, key, issuer, now, validity ?? TimeSpan.FromDays(365));
    }

    /// <summary>A serving certificate for DNS names and IP addresses, signed by <paramref name="issuer"/> (or self-signed when null).</summary>
    public static X509Certificate2 CreateServer(X509Certificate2? issuer, IEnumerable<string> names, DateTimeOffset now, TimeSpan? validity = null)
    {
        var all = names.ToList();
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest($"CN={all.FirstOrDefault() ?? "localhost"}", key, HashAlgorithmName.SHA256);
        var san = new SubjectAlternativeNameBuilder();
        foreach (var name in all)
        {
            if (IPAddress.TryParse(name, out var ip))
            {
                san.AddIpAddress(ip);
            }
            else
            {
                san.AddDnsName(name);
            }
        }

        request.CertificateExtensions.Add(san.Build());
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(false, false, 0, true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.DigitalSignature, true));
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([ServerAuth], false));
        return Issue(request, key, issuer, now, validity ?? TimeSpan.FromDays(365));
    }

    /// <summary>A client certificate: CN is the user (none when empty), each O is a group (as Kubernetes reads them).</summary>
    public static X509Certificate2 CreateClient(X509Certificate2 issuer, string user, IEnumerable<string> groups, DateTimeOffset now, TimeSpan? validity = null)
    {
        var subject = new X500DistinguishedNameBuilder();
        foreach (var group in groups)
        {
            subject.AddOrganizationName(group);
        }

        if (user.Length > 0)
        {
            subject.AddCommonName(user);
        }

        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest(subject.Build(), key, HashAlgorithmName.SHA256);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(false, false, 0, true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.DigitalSignature, true));
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([ClientAuth], false));
        return Issue(request, key, issuer, now, validity ?? TimeSpan.FromDays(365));
    }

    public static string CertificatePem(X509Certificate2 certificate) => certificate.ExportCertificatePem();

    public static string PrivateKeyPem(X509Certificate2 certificate) =>
        certificate.GetECDsaPrivateKey()?.ExportPkcs8PrivateKeyPem()
        ?? certificate.GetRSAPrivateKey()?.ExportPkcs8PrivateKeyPem()
        ?? throw new InvalidOperationException("the certificate has no private key");

    private static X509Certificate2 Issue(CertificateRequest request, ECDsa key, X509Certificate2? issuer, DateTimeOffset now, TimeSpan validity)
    {
        if (issuer is null)
        {
            return request.CreateSelfSigned(now.AddMinutes(-5), now + validity);
        }

        var notAfter = now + validity < issuer.NotAfter ? now + validity : new DateTimeOffset(issuer.NotAfter);
        var serial = RandomNumberGenerator.GetBytes(16);
        serial[0] &= 0x7F;
        using var signed = request.Create(issuer, now.AddMinutes(-5), notAfter, serial);
        return signed.CopyWithPrivateKey(key);
    }
}
