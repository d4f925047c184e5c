using System.Net;
using k8s;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Autoscale.ScaleController.Hosting;

/// <summary>
/// The controller on the Generic Host (a <see cref="WebApplication"/> when it serves /healthz, /readyz and /metrics):
/// <see cref="ControllerServices"/> composes it, the host runs its stages and stops them on SIGTERM or Ctrl+C.
/// </summary>
internal sealed partial class ControllerApp : IAsyncDisposable
{
    private readonly IHost _host;
    private bool _stopped;

    private ControllerApp(IHost host, Uri? healthAddress)
    {
        _host = host;
        HealthAddress = healthAddress;
    }

    public IServiceProvider Services => _host.Services;

    public Uri? HealthAddress { get; }

    /// <summary>The first stage that stopped on an error, if one did (the host then stops the others).</summary>
    public Exception? Failure => _host.Services.GetServices<IHostedService>().OfType<StageService>()
        .Select(s => s.ExecuteTask).FirstOrDefault(t => t is { IsFaulted: true })?.Exception?.GetBaseException();

    /// <param name="logging">Every log of the controller and the host goes here; the caller owns and disposes it.</param>
    public static async Task<ControllerApp> StartAsync(ControllerOptions options, KubernetesClientConfiguration clientConfiguration, ILoggerFactory logging, TimeProvider time)
    {
        IHostApplicationBuilder builder = options.HealthPort < 0
            ? Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { Args = [] })
            : WebApplication.CreateSlimBuilder(new WebApplicationOptions { Args = [] });
        builder.Logging.ClearProviders();
        builder.Services.AddSingleton(logging);
        builder.Services.Configure<ConsoleLifetimeOptions>(o => o.SuppressStatusMessages = true);
        builder.Services.AddScaleController(options, clientConfiguration, time);
        IHost host;
        if (builder is WebApplicationBuilder web)
        {
            web.WebHost.ConfigureKestrel(k => k.Listen(IPAddress.Parse(options.BindAddress), options.HealthPort));
            var app = web.Build();
            HealthEndpoints.Map(app, app.Services.GetRequiredService<ControllerReadiness>().Check, app.Services.GetRequiredService<Telemetry.ControllerMetrics>().Registry);
            host = app;
        }
        else
        {
            host = ((HostApplicationBuilder)builder).Build();
        }

        var startup = logging.CreateLogger("Autoscale.ScaleController");
        LogStarting(startup, ThisBuild.Current.Version, ThisBuild.Current.Commit);
        if (options.DryRun)
        {
            LogDryRun(startup);
        }

        await host.StartAsync().ConfigureAwait(false);
        var address = host.Services.GetService<IServer>()?.Features.Get<IServerAddressesFeature>()?.Addresses.First();
        return new ControllerApp(host, address is null ? null : new Uri(address.Replace("0.0.0.0", "127.0.0.1", StringComparison.Ordinal)));
    }

    /// <summary>Completes once the host was asked to stop (SIGTERM, Ctrl+C, a failed stage) and has stopped.</summary>
    public async Task WaitForShutdownAsync()
    {
        await _host.WaitForShutdownAsync().ConfigureAwait(false);
        _stopped = true;
    }

    public async Task StopAsync()
    {
        _stopped = true;
        await _host.StopAsync().ConfigureAwait(false);
    }

    public async ValueTask DisposeAsync()
    {
        if (!_stopped)
        {
            await StopAsync().ConfigureAwait(false);
        }

        if (_host is IAsyncDisposable asyncDisposable)
        {
            await asyncDisposable.DisposeAsync().ConfigureAwait(false);
        }
        else
        {
            _host.Dispose();
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Autoscale scale controller {Version} (commit {Commit}) starting")]
    private static partial void LogStarting(ILogger logger, string version, string commit);

    // A banner, at Warning so it stands out: with --dry-run nothing the log describes reaches the cluster.
    [LoggerMessage(Level = LogLevel.Warning, Message = "DRY RUN (--dry-run): decisions are made and logged, nothing is written to the cluster (no HPA behavior, placeholder pods, CapacityBuffers, annotations or Events), whatever the config's dryRun says")]
    private static partial void LogDryRun(ILogger logger);
}
