using System.Security.Cryptography.X509Certificates;
using System.Text;
using Autoscale.MetricsAdapter.Tls;

namespace Autoscale.Demo.Cluster;

/// <summary>
/// The demo's throw-away PKI in <c>.demo/</c>: a CA that signs the adapter's serving certificate (for 127.0.0.1 and
/// its in-cluster name <c>autoscale-metrics-adapter.autoscale.svc</c>, which the aggregator checks) and a client
/// certificate for user <c>demo-admin</c>; a front-proxy CA and the aggregator's client certificate, as kube-apiserver
/// has; and a kubeconfig straight to the adapter. Never committed (.gitignore).
/// </summary>
internal sealed class DemoCredentials : IDisposable
{
    public const string User = "demo-admin";
    public const string Group = "demo:operators";
    public const string FrontProxyClient = "front-proxy-client";

    private readonly X509Certificate2 _client;

    private DemoCredentials(string directory, X509Certificate2 ca, X509Certificate2 frontProxyCa, X509Certificate2 proxyClient, X509Certificate2 client)
    {
        Directory = directory;
        Ca = ca;
        FrontProxyCa = frontProxyCa;
        ProxyClient = proxyClient;
        _client = client;
    }

    public string Directory { get; }

    public X509Certificate2 Ca { get; }

    public X509Certificate2 FrontProxyCa { get; }

    /// <summary>The aggregator's client certificate (CN front-proxy-client), with its private key.</summary>
    public X509Certificate2 ProxyClient { get; }

    public string CaFile => Path.Combine(Directory, "ca.crt");

    public string ServerCertFile => Path.Combine(Directory, "tls.crt");

    public string ServerKeyFile => Path.Combine(Directory, "tls.key");

    /// <summary>Straight to the adapter, as the original demo had.</summary>
    public string KubeconfigFile => Path.Combine(Directory, "kubeconfig");

    /// <summary>The in-process cluster (through which the aggregated API, the HPA and the controller are seen).</summary>
    public string ClusterKubeconfigFile => Path.Combine(Directory, "cluster-kubeconfig");

    public static DemoCredentials Create(string directory, IEnumerable<string> serverNames, DateTimeOffset now)
    {
        System.IO.Directory.CreateDirectory(directory);
        var ca = CertificateFactory.CreateCa("autoscale-demo-ca", now);
        var frontProxyCa = CertificateFactory.CreateCa("autoscale-demo-front-proxy-ca", now);
        // A key that SslStream can present on every platform: round-trip through PKCS#12.
        using var issued = CertificateFactory.CreateClient(frontProxyCa, FrontProxyClient, [], now);
        var proxyClient = X509CertificateLoader.LoadPkcs12(issued.Export(X509ContentType.Pkcs12), null);
        var credentials = new DemoCredentials(directory, ca, frontProxyCa, proxyClient, CertificateFactory.CreateClient(ca, User, [Group], now));
        using var serving = CertificateFactory.CreateServer(ca, serverNames, now);
        WritePrivate(credentials.CaFile, CertificateFactory.CertificatePem(ca));
        WritePrivate(credentials.ServerCertFile, CertificateFactory.CertificatePem(serving));
        WritePrivate(credentials.ServerKeyFile, CertificateFactory.PrivateKeyPem(serving));
        return credentials;
    }

    /// <summary>Writes <see cref="KubeconfigFile"/> for the adapter once its address is known.</summary>
    public string WriteAdapterKubeconfig(string server)
    {
        WritePrivate(KubeconfigFile, Kubeconfig(server, Ca, _client));
        return KubeconfigFile;
    }

    /// <summary>A kubeconfig with everything embedded, so it works from any directory.</summary>
    public static string Kubeconfig(string server, X509Certificate2 ca, X509Certificate2 client)
    {
        static string B64(string pem) => Convert.ToBase64String(Encoding.UTF8.GetBytes(pem));
        return $"""
            apiVersion: v1
            kind: Config
            clusters:
            - name: autoscale-demo-adapter
              cluster:
                server: {server}
                certificate-authority-data: {B64(CertificateFactory.CertificatePem(ca))}
            users:
            - name: {User}
              user:
                client-certificate-data: {B64(CertificateFactory.CertificatePem(client))}
                client-key-data: {B64(CertificateFactory.PrivateKeyPem(client))}
            contexts:
            - name: autoscale-demo-adapter
              context:
                cluster: autoscale-demo-adapter
                user: {User}
            current-context: autoscale-demo-adapter

            """;
    }

    public static void WritePrivate(string path, string content)
    {
        File.WriteAllText(path, content);
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        }
    }

    public void Dispose()
    {
        Ca.Dispose();
        FrontProxyCa.Dispose();
        ProxyClient.Dispose();
        _client.Dispose();
    }
}
