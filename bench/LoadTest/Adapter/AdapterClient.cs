using System.Net;
using System.Net.Security;
using System.Security.Cryptography.X509Certificates;

namespace Autoscale.LoadTest.Adapter;

/// <summary>The load generator's HTTP client: keep-alive HTTPS/1.1 presenting the bench client certificate.</summary>
internal static class AdapterClient
{
    /// <summary>At most <paramref name="connections"/> connections, never recycled, trusting only the bench serving CA.</summary>
    public static HttpClient Create(BenchPki pki, Uri adapter, int connections)
    {
        var ca = pki.ServingCa;
        var handler = new SocketsHttpHandler
        {
            MaxConnectionsPerServer = connections,
            PooledConnectionLifetime = Timeout.InfiniteTimeSpan,
            PooledConnectionIdleTimeout = TimeSpan.FromMinutes(5),
            AutomaticDecompression = DecompressionMethods.None,
            SslOptions = new SslClientAuthenticationOptions
            {
                ClientCertificates = new X509CertificateCollection { pki.Client },
                RemoteCertificateValidationCallback = (_, certificate, _, _) =>
                {
                    if (certificate is not X509Certificate2 server)
                    {
                        return false;
                    }

                    using var chain = new X509Chain();
                    chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
                    chain.ChainPolicy.CustomTrustStore.Add(ca);
                    chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
                    return chain.Build(server);
                },
            },
        };
        return new HttpClient(handler) { BaseAddress = adapter, Timeout = TimeSpan.FromSeconds(30) };
    }
}
