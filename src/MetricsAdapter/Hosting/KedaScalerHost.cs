using System.Net;
using Autoscale.MetricsAdapter.Api.Keda;
using Autoscale.MetricsAdapter.Tls;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Server.Kestrel.Core;

namespace Autoscale.MetricsAdapter.Hosting;

/// <summary>
/// The KEDA external scaler on a port of its own: a second, gRPC-only Kestrel host (HTTP/2), so none of the API's
/// middleware (GET only, Kubernetes authentication) applies to it and none of its routes is reachable from the API
/// port. Started and stopped with the adapter; it reads through the adapter's own <see cref="KedaScaler"/>.
/// </summary>
internal sealed partial class KedaScalerHost(
    AdapterOptions options, KedaScaler scaler, ServingCertificate apiCertificate, TimeProvider time, ILoggerFactory loggers) : IHostedService, IAsyncDisposable
{
    private WebApplication? _app;

    /// <summary>The bound address (the real port when the option is 0); null until started.</summary>
    public Uri? Address { get; private set; }

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var settings = options.KedaScaler;
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { Args = [] });
        builder.WebHost.UseKestrelHttpsConfiguration();
        builder.Logging.ClearProviders();
        builder.Services.AddSingleton(loggers);
        // The adapter's host owns the process: signals, shutdown and the start-up messages are its, not this one's.
        builder.Services.AddSingleton<IHostLifetime, InnerLifetime>();
        var certificate = apiCertificate;
        if (settings.TlsCertFile is not null && !settings.Plaintext)
        {
            // Its own pair, re-read on change like the API's.
            certificate = new ServingCertificate(settings.TlsCertFile, settings.TlsPrivateKeyFile, options.SelfSignedNames, time, options.TlsReloadInterval,
                loggers.CreateLogger<ServingCertificate>());
            builder.Services.AddHostedService(_ => certificate);
        }

        var cipherSuites = options.Tls.CipherSuitesPolicy();
        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            kestrel.AddServerHeader = false;
            kestrel.Limits.MaxConcurrentConnections = options.Connections.MaxConnections;
            kestrel.Listen(IPAddress.Parse(options.BindAddress), settings.Port, listen =>
            {
                listen.Protocols = HttpProtocols.Http2;
                if (!settings.Plaintext)
                {
                    listen.UseHttps(ServingTls.Options(certificate, options.Tls, cipherSuites, options.Connections.TlsHandshakeTimeout));
                }
            });
        });
        builder.Services.AddGrpc(grpc => grpc.MaxReceiveMessageSize = 64 * 1024);
        builder.Services.AddSingleton(scaler);
        var app = builder.Build();
        app.MapGrpcService<KedaScaler>();
        await app.StartAsync(cancellationToken).ConfigureAwait(false);
        _app = app;
        Address = new Uri(app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First());
        LogListening(loggers.CreateLogger<KedaScalerHost>(), Address.ToString(), settings.Plaintext ? "plaintext (h2c), no TLS" : "TLS");
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        if (_app is { } app)
        {
            await app.StopAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (_app is { } app)
        {
            await app.DisposeAsync().ConfigureAwait(false);
        }
    }

    /// <summary>No Ctrl+C hook and no "Application started" lines of its own: it starts and stops with the adapter.</summary>
    private sealed class InnerLifetime : IHostLifetime
    {
        public Task WaitForStartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

        public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "KEDA external scaler (gRPC externalscaler.ExternalScaler) listening on {Address}, {Security}")]
    private static partial void LogListening(ILogger logger, string address, string security);
}
