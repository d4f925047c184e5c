using System.Net.Security;
using System.Security.Cryptography.X509Certificates;
using Autoscale.MetricsAdapter.Tls;

namespace Autoscale.Testing;

/// <summary>
/// A throw-away PKI: the serving CA and certificate, the cluster's client CA, and the front-proxy CA, written to a
/// temp folder (deleted on dispose) under the names the adapter's flags read (<see cref="Files"/>). By default its
/// validity spans both the fixed test clock (<see cref="Issued"/>) and the real clock; a bench passes its own.
/// </summary>
public sealed class TestPki : IDisposable
{
    public static readonly DateTimeOffset Issued = new(2025, 12, 1, 0, 0, 0, TimeSpan.Zero);
    private static readonly TimeSpan DefaultValidity = TimeSpan.FromDays(3 * 365);

    private readonly DateTimeOffset _issued;
    private readonly TimeSpan _validity;

    public TestPki(DateTimeOffset? issued = null, TimeSpan? validity = null)
    {
        _issued = issued ?? Issued;
        _validity = validity ?? DefaultValidity;
        Directory = Path.Combine(Path.GetTempPath(), "autoscale-tests-" + Guid.NewGuid().ToString("N"));
        System.IO.Directory.CreateDirectory(Directory);
        ServingCa = CertificateFactory.CreateCa("test-serving-ca", _issued, _validity);
        ClientCa = CertificateFactory.CreateCa("test-client-ca", _issued, _validity);
        FrontProxyCa = CertificateFactory.CreateCa("test-front-proxy-ca", _issued, _validity);
        (ServingCertFile, ServingKeyFile, ClientCaFile) = Files(Directory);
        Write("client-ca.crt", CertificateFactory.CertificatePem(ClientCa));
        FrontProxyCaFile = Write("front-proxy-ca.crt", CertificateFactory.CertificatePem(FrontProxyCa));
        WriteServing("127.0.0.1");
    }

    public string Directory { get; }

    public X509Certificate2 ServingCa { get; }

    public X509Certificate2 ClientCa { get; }

    public X509Certificate2 FrontProxyCa { get; }

    public string ServingCertFile { get; }

    public string ServingKeyFile { get; }

    public string ClientCaFile { get; }

    public string FrontProxyCaFile { get; }

    /// <summary>Where a PKI in <paramref name="directory"/> keeps the serving certificate, its key and the client CA.</summary>
    public static (string ServingCertFile, string ServingKeyFile, string ClientCaFile) Files(string directory) =>
        (Path.Combine(directory, "tls.crt"), Path.Combine(directory, "tls.key"), Path.Combine(directory, "client-ca.crt"));

    /// <summary>(Re)writes the serving pair, signed by the serving CA, with a given common name first in its SANs.</summary>
    public X509Certificate2 WriteServing(string firstName)
    {
        var cert = CertificateFactory.CreateServer(ServingCa, [firstName, "127.0.0.1", "localhost"], _issued, _validity);
        // Key first, then cert: a reader that sees a new cert with an old key fails and retries, never half-loads.
        File.WriteAllText(ServingKeyFile, CertificateFactory.PrivateKeyPem(cert));
        File.WriteAllText(ServingCertFile, CertificateFactory.CertificatePem(cert));
        return cert;
    }

    public X509Certificate2 ClientCertificate(string user, params string[] groups) =>
        CertificateFactory.CreateClient(ClientCa, user, groups, _issued, _validity);

    public X509Certificate2 FrontProxyCertificate(string commonName = "front-proxy-client") =>
        CertificateFactory.CreateClient(FrontProxyCa, commonName, [], _issued, _validity);

    /// <summary>
    /// Client TLS options that trust only the serving CA (and report the server's certificate, when asked), presenting
    /// <paramref name="clientCertificate"/> when given.
    /// </summary>
    public SslClientAuthenticationOptions ClientTls(X509Certificate2? clientCertificate = null, Action<X509Certificate2>? onServerCertificate = null)
    {
        return new SslClientAuthenticationOptions
        {
            ClientCertificates = clientCertificate is null ? null : new X509CertificateCollection { clientCertificate },
            RemoteCertificateValidationCallback = (_, certificate, _, _) =>
            {
                if (certificate is X509Certificate2 server)
                {
                    onServerCertificate?.Invoke(server);
                }

                return IssuedByServingCa(certificate);
            },
        };
    }

    /// <summary>Whether a server's certificate chains to the serving CA (and nothing else): a test client's whole trust.</summary>
    public bool IssuedByServingCa(X509Certificate? certificate)
    {
        if (certificate is not X509Certificate2 server)
        {
            return false;
        }

        using var chain = new X509Chain();
        chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        chain.ChainPolicy.CustomTrustStore.Add(ServingCa);
        chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        return chain.Build(server);
    }

    public string Write(string name, string content)
    {
        var path = Path.Combine(Directory, name);
        File.WriteAllText(path, content);
        return path;
    }

    public void Dispose()
    {
        ServingCa.Dispose();
        ClientCa.Dispose();
        FrontProxyCa.Dispose();
        try
        {
            System.IO.Directory.Delete(Directory, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}
