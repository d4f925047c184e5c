using System.Security.Cryptography.X509Certificates;
using Autoscale.MetricsAdapter.Tls;

namespace Autoscale.LoadTest.Adapter;

/// <summary>
/// A throw-away PKI in a temp folder: the serving CA and loopback certificate, and the client CA with one client
/// certificate (as the kube-apiserver's front proxy would present). Deleted on dispose. The adapter child reads the
/// serving and client-CA files from <see cref="Directory"/> (<see cref="Files"/>).
/// </summary>
internal sealed class BenchPki : IDisposable
{
    public BenchPki(DateTimeOffset now)
    {
        Directory = Path.Combine(Path.GetTempPath(), "autoscale-adapter-load-" + Guid.NewGuid().ToString("N"));
        System.IO.Directory.CreateDirectory(Directory);
        var issued = now.AddDays(-1);
        var validity = TimeSpan.FromDays(30);
        ServingCa = CertificateFactory.CreateCa("load-serving-ca", issued, validity);
        using var clientCa = CertificateFactory.CreateCa("load-client-ca", issued, validity);
        using var server = CertificateFactory.CreateServer(ServingCa, ["127.0.0.1", "localhost"], issued, validity);
        var files = Files(Directory);
        File.WriteAllText(files.ServingKeyFile, CertificateFactory.PrivateKeyPem(server));
        File.WriteAllText(files.ServingCertFile, CertificateFactory.CertificatePem(server));
        File.WriteAllText(files.ClientCaFile, CertificateFactory.CertificatePem(clientCa));
        Client = CertificateFactory.CreateClient(clientCa, "system:serviceaccount:kube-system:horizontal-pod-autoscaler", ["system:serviceaccounts"], issued, validity);
    }

    public string Directory { get; }

    public X509Certificate2 ServingCa { get; }

    public X509Certificate2 Client { get; }

    /// <summary>Where the PKI in <paramref name="directory"/> keeps the serving certificate, its key and the client CA.</summary>
    public static (string ServingCertFile, string ServingKeyFile, string ClientCaFile) Files(string directory) =>
        (Path.Combine(directory, "tls.crt"), Path.Combine(directory, "tls.key"), Path.Combine(directory, "client-ca.crt"));

    public void Dispose()
    {
        ServingCa.Dispose();
        Client.Dispose();
        try
        {
            System.IO.Directory.Delete(Directory, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}
