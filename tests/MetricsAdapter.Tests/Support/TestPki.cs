using System.Security.Cryptography.X509Certificates;
using Autoscale.MetricsAdapter.Tls;

namespace Autoscale.MetricsAdapter.Tests.Support;

/// <summary>
/// A throw-away PKI for one test: the serving CA and certificate, the cluster's client CA, and the front-proxy CA,
/// written to a temp folder. Validity spans both the fixed test clock and the real clock.
/// </summary>
internal sealed class TestPki : IDisposable
{
    public static readonly DateTimeOffset Issued = new(2025, 12, 1, 0, 0, 0, TimeSpan.Zero);
    private static readonly TimeSpan Validity = TimeSpan.FromDays(3 * 365);

    public TestPki()
    {
        Directory = Path.Combine(Path.GetTempPath(), "autoscale-tests-" + Guid.NewGuid().ToString("N"));
        System.IO.Directory.CreateDirectory(Directory);
        ServingCa = CertificateFactory.CreateCa("test-serving-ca", Issued, Validity);
        ClientCa = CertificateFactory.CreateCa("test-client-ca", Issued, Validity);
        FrontProxyCa = CertificateFactory.CreateCa("test-front-proxy-ca", Issued, Validity);
        ServingCertFile = Path.Combine(Directory, "tls.crt");
        ServingKeyFile = Path.Combine(Directory, "tls.key");
        ClientCaFile = Write("client-ca.crt", CertificateFactory.CertificatePem(ClientCa));
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

    /// <summary>(Re)writes the serving pair, signed by the serving CA, with a given common name first in its SANs.</summary>
    public X509Certificate2 WriteServing(string firstName)
    {
        var cert = CertificateFactory.CreateServer(ServingCa, [firstName, "127.0.0.1", "localhost"], Issued, Validity);
        // Key first, then cert: a reader that sees a new cert with an old key fails and retries, never half-loads.
        File.WriteAllText(ServingKeyFile, CertificateFactory.PrivateKeyPem(cert));
        File.WriteAllText(ServingCertFile, CertificateFactory.CertificatePem(cert));
        return cert;
    }

    public X509Certificate2 ClientCertificate(string user, params string[] groups) =>
        CertificateFactory.CreateClient(ClientCa, user, groups, Issued, Validity);

    public X509Certificate2 FrontProxyCertificate(string commonName = "front-proxy-client") =>
        CertificateFactory.CreateClient(FrontProxyCa, commonName, [], Issued, Validity);

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
