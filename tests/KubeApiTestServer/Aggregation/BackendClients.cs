using System.Collections.Concurrent;
using System.Net.Security;
using System.Security.Cryptography.X509Certificates;

namespace Autoscale.Testing.KubeApi.Aggregation;

/// <summary>
/// One HTTP client per APIService trust setting, as the aggregator builds a transport per APIService: it presents the
/// proxy client certificate and checks the backend against the caBundle and the server name <c>{svc}.{ns}.svc</c>.
/// </summary>
internal sealed class BackendClients(X509Certificate2? proxyClientCertificate) : IDisposable
{
    private readonly ConcurrentDictionary<(string Name, string Ca, bool Insecure), HttpMessageInvoker> _clients = new();

    public HttpMessageInvoker For(ApiServiceRecord service) =>
        _clients.GetOrAdd((service.Name, service.CaBundle is null ? "" : Convert.ToBase64String(service.CaBundle), service.InsecureSkipTlsVerify), _ => Create(service));

    private HttpMessageInvoker Create(ApiServiceRecord service) => new(new SocketsHttpHandler
    {
        ConnectTimeout = TimeSpan.FromSeconds(5),
        PooledConnectionIdleTimeout = TimeSpan.FromSeconds(30),
        SslOptions = new SslClientAuthenticationOptions
        {
            TargetHost = service.ServerName,
            ClientCertificates = proxyClientCertificate is null ? null : new X509CertificateCollection { proxyClientCertificate },
            RemoteCertificateValidationCallback = (_, certificate, _, errors) =>
                certificate is X509Certificate2 server
                && (service.InsecureSkipTlsVerify || (!errors.HasFlag(SslPolicyErrors.RemoteCertificateNameMismatch) && service.Trusts(server))),
        },
    });

    public void Dispose()
    {
        foreach (var client in _clients.Values)
        {
            client.Dispose();
        }
    }
}
