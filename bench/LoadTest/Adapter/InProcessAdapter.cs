using System.Net;
using System.Net.Security;
using System.Security.Cryptography.X509Certificates;
using Autoscale.MetricsAdapter.Api;
using Autoscale.MetricsAdapter.Auth;
using Autoscale.MetricsAdapter.Hosting;
using Autoscale.MetricsAdapter.Store;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Logging;

namespace Autoscale.LoadTest.Adapter;

/// <summary>
/// The real metrics adapter (<see cref="AdapterApp"/>) on loopback HTTPS, port 0, with client-certificate
/// authentication and <see cref="AuthorizationMode.AllowAuthenticated"/>, fed by a <see cref="FleetFiller"/>.
/// </summary>
internal sealed class InProcessAdapter : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly BenchPki _pki;
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _filling;

    private InProcessAdapter(WebApplication app, BenchPki pki, FleetFiller filler, Uri uri)
    {
        _app = app;
        _pki = pki;
        Filler = filler;
        Uri = uri;
        _filling = filler.RunAsync(_stop.Token);
    }

    public Uri Uri { get; }

    public FleetFiller Filler { get; }

    public static async Task<InProcessAdapter> StartAsync(BenchPki pki, TimeProvider time)
    {
        var options = new AdapterOptions
        {
            BindAddress = "127.0.0.1",
            SecurePort = 0,
            MetricsPort = -1,
            TlsCertFile = pki.ServingCertFile,
            TlsPrivateKeyFile = pki.ServingKeyFile,
            Authentication = new AuthenticationFlags(ClientCaFile: pki.ClientCaFile, SkipClusterLookup: true),
            AuthorizationMode = AuthorizationMode.AllowAuthenticated,
            SourceInterval = FleetFiller.Interval,
        };
        var store = new MetricStore();
        var heartbeat = new SourceHeartbeat(options.SourceInterval);
        var app = AdapterApp.Build(options, new AdapterDependencies(time, store, Heartbeat: heartbeat), l => l.SetMinimumLevel(LogLevel.Warning));
        await app.StartAsync().ConfigureAwait(false);
        return new InProcessAdapter(app, pki, new FleetFiller(store, heartbeat, time), AdapterApp.BoundAddresses(app)[0]);
    }

    /// <summary>Keep-alive HTTPS/1.1 connections (at most <paramref name="connections"/>) presenting the client certificate.</summary>
    public HttpClient CreateClient(int connections)
    {
        var ca = _pki.ServingCa;
        var handler = new SocketsHttpHandler
        {
            MaxConnectionsPerServer = connections,
            PooledConnectionLifetime = Timeout.InfiniteTimeSpan,
            PooledConnectionIdleTimeout = TimeSpan.FromMinutes(5),
            AutomaticDecompression = DecompressionMethods.None,
            SslOptions = new SslClientAuthenticationOptions
            {
                ClientCertificates = new X509CertificateCollection { _pki.Client },
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
        return new HttpClient(handler) { BaseAddress = Uri, Timeout = TimeSpan.FromSeconds(30) };
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync().ConfigureAwait(false);
        await _filling.ConfigureAwait(false);
        await _app.StopAsync().ConfigureAwait(false);
        await _app.DisposeAsync().ConfigureAwait(false);
        _stop.Dispose();
    }
}
