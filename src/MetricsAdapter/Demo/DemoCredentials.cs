using System.Security.Cryptography.X509Certificates;
using System.Text;
using Autoscale.MetricsAdapter.Tls;

namespace Autoscale.MetricsAdapter.Demo;

/// <summary>
/// The demo's throw-away PKI in <c>.demo/</c>: a CA, a serving certificate for 127.0.0.1, a client certificate for
/// user <c>demo-admin</c> (group <c>demo:operators</c>), and a kubeconfig that uses them. Never committed (.gitignore).
/// </summary>
internal sealed record DemoCredentials(string Directory, string CaFile, string ServerCertFile, string ServerKeyFile, string KubeconfigFile)
{
    public const string User = "demo-admin";
    public const string Group = "demo:operators";

    public static DemoCredentials Create(string directory, string server, DateTimeOffset now)
    {
        System.IO.Directory.CreateDirectory(directory);
        using var ca = CertificateFactory.CreateCa("autoscale-demo-ca", now);
        using var serving = CertificateFactory.CreateServer(ca, ["127.0.0.1", "localhost"], now);
        using var client = CertificateFactory.CreateClient(ca, User, [Group], now);
        var credentials = new DemoCredentials(
            directory,
            Path.Combine(directory, "ca.crt"),
            Path.Combine(directory, "tls.crt"),
            Path.Combine(directory, "tls.key"),
            Path.Combine(directory, "kubeconfig"));
        WritePrivate(credentials.CaFile, CertificateFactory.CertificatePem(ca));
        WritePrivate(credentials.ServerCertFile, CertificateFactory.CertificatePem(serving));
        WritePrivate(credentials.ServerKeyFile, CertificateFactory.PrivateKeyPem(serving));
        WritePrivate(credentials.KubeconfigFile, Kubeconfig(server, ca, client));
        return credentials;
    }

    /// <summary>A kubeconfig with everything embedded, so it works from any directory.</summary>
    public static string Kubeconfig(string server, X509Certificate2 ca, X509Certificate2 client)
    {
        static string B64(string pem) => Convert.ToBase64String(Encoding.UTF8.GetBytes(pem));
        return $"""
            apiVersion: v1
            kind: Config
            clusters:
            - name: autoscale-demo
              cluster:
                server: {server}
                certificate-authority-data: {B64(CertificateFactory.CertificatePem(ca))}
            users:
            - name: {User}
              user:
                client-certificate-data: {B64(CertificateFactory.CertificatePem(client))}
                client-key-data: {B64(CertificateFactory.PrivateKeyPem(client))}
            contexts:
            - name: autoscale-demo
              context:
                cluster: autoscale-demo
                user: {User}
            current-context: autoscale-demo

            """;
    }

    private static void WritePrivate(string path, string content)
    {
        File.WriteAllText(path, content);
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        }
    }
}
