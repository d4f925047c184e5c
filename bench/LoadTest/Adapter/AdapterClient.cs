using System.Net;
using Autoscale.Testing;

namespace Autoscale.LoadTest.Adapter;

/// <summary>The load generator's HTTP client: keep-alive HTTPS/1.1 presenting a client certificate of the HPA controller.</summary>
internal static class AdapterClient
{
    /// <summary>At most <paramref name="connections"/> connections, never recycled, trusting only the bench serving CA.</summary>
    public static HttpClient Create(TestPki pki, Uri adapter, int connections)
    {
        var handler = new SocketsHttpHandler
        {
            MaxConnectionsPerServer = connections,
            PooledConnectionLifetime = Timeout.InfiniteTimeSpan,
            PooledConnectionIdleTimeout = TimeSpan.FromMinutes(5),
            AutomaticDecompression = DecompressionMethods.None,
            SslOptions = pki.ClientTls(pki.ClientCertificate("system:serviceaccount:kube-system:horizontal-pod-autoscaler", "system:serviceaccounts")),
        };
        return new HttpClient(handler) { BaseAddress = adapter, Timeout = TimeSpan.FromSeconds(30) };
    }
}
