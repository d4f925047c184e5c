using System.Security.Cryptography.X509Certificates;
using Autoscale.MetricsAdapter.Auth;
using Autoscale.MetricsAdapter.Catalog;
using Autoscale.MetricsAdapter.Config;
using Autoscale.MetricsAdapter.Hosting;
using Autoscale.MetricsAdapter.Store;
using k8s;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Autoscale.Testing.Adapter;

/// <summary>The real adapter on loopback Kestrel (port 0), with clients that trust its serving CA.</summary>
internal sealed class RunningAdapter : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly TestPki _pki;

    private RunningAdapter(WebApplication app, TestPki pki, Uri secure, Uri? metrics)
    {
        _app = app;
        _pki = pki;
        SecureUri = secure;
        MetricsUri = metrics;
    }

    public Uri SecureUri { get; }

    public Uri? MetricsUri { get; }

    public IServiceProvider Services => _app.Services;

    public static async Task<RunningAdapter> StartAsync(
        TestPki pki, MetricStore store, TimeProvider time, Func<AdapterOptions, AdapterOptions>? configure = null, IKubernetes? kubernetes = null,
        bool runPipeline = false, AdapterConfig? config = null)
    {
        var options = LoopbackOptions(pki);
        options = configure?.Invoke(options) ?? options;
        var registry = Prometheus.Metrics.NewCustomRegistry();
        // The serving policy these tests were written against (stale after 6 s); no source runs unless asked (then
        // discovery reads the cluster the client points at): the test fills the store.
        var source = new CurrentAdapterConfig(config ?? AdapterConfig.Default with { Serving = ServingPolicy.Default }, registry);
        var app = AdapterApp.Build(
            options, source, store, registry, kubernetes, time,
            services =>
            {
                if (runPipeline)
                {
                    services.AddHostedService(sp => sp.GetRequiredService<AdapterPipeline>());
                }
            },
            l => l.SetMinimumLevel(LogLevel.Warning));
        await app.StartAsync();
        var addresses = AdapterApp.BoundAddresses(app);
        return new RunningAdapter(app, pki, addresses[0], addresses.Count > 1 ? addresses[1] : null);
    }

    /// <summary>
    /// Options for a test adapter: loopback, free ports (secure and metrics), <paramref name="pki"/>'s serving pair and
    /// client CA, any authenticated client allowed.
    /// </summary>
    public static AdapterOptions LoopbackOptions(TestPki pki) => new()
    {
        BindAddress = "127.0.0.1",
        SecurePort = 0,
        MetricsPort = 0,
        TlsCertFile = pki.ServingCertFile,
        TlsPrivateKeyFile = pki.ServingKeyFile,
        Authentication = new AuthenticationFlags(ClientCaFile: pki.ClientCaFile, SkipClusterLookup: true),
        AuthorizationMode = AuthorizationMode.AllowAuthenticated,
    };

    /// <summary>An HTTPS client that trusts only the test serving CA, optionally presenting a client certificate.</summary>
    public HttpClient CreateClient(X509Certificate2? clientCertificate = null, string? bearerToken = null, Action<X509Certificate2>? onServerCertificate = null)
    {
        var handler = new SocketsHttpHandler
        {
            PooledConnectionLifetime = TimeSpan.Zero,
            SslOptions = _pki.ClientTls(clientCertificate, onServerCertificate),
        };
        var client = new HttpClient(handler) { BaseAddress = SecureUri };
        if (bearerToken is not null)
        {
            client.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", bearerToken);
        }

        return client;
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
