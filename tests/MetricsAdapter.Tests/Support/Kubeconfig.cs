using System.Security.Cryptography.X509Certificates;
using System.Text;
using Autoscale.MetricsAdapter.Tls;

namespace Autoscale.MetricsAdapter.Tests.Support;

/// <summary>A kubeconfig straight to the adapter with a client certificate, everything embedded.</summary>
internal static class Kubeconfig
{
    public static string For(string server, X509Certificate2 ca, X509Certificate2 client)
    {
        static string B64(string pem) => Convert.ToBase64String(Encoding.UTF8.GetBytes(pem));
        return $"""
            apiVersion: v1
            kind: Config
            clusters:
            - name: adapter
              cluster:
                server: {server}
                certificate-authority-data: {B64(CertificateFactory.CertificatePem(ca))}
            users:
            - name: user
              user:
                client-certificate-data: {B64(CertificateFactory.CertificatePem(client))}
                client-key-data: {B64(CertificateFactory.PrivateKeyPem(client))}
            contexts:
            - name: adapter
              context:
                cluster: adapter
                user: user
            current-context: adapter

            """;
    }
}
