using System.Net;
using k8s;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Autoscale.ScaleController.Hosting;

/// <summary>A running controller: its parts, the health/metrics server (if enabled), and a clean stop.</summary>
internal sealed class ControllerApp : IAsyncDisposable
{
    private readonly CancellationTokenSource stop = new();
    private readonly WebApplication? web;
    private readonly Task running;

    private ControllerApp(ControllerParts parts, WebApplication? web, Uri? healthAddress)
    {
        Parts = parts;
        this.web = web;
        HealthAddress = healthAddress;
        running = Task.Run(() => parts.RunAsync(stop.Token));
    }

    public ControllerParts Parts { get; }

    public Uri? HealthAddress { get; }

    /// <summary>Completes when the controller stops (after <see cref="StopAsync"/>, or on a fatal error).</summary>
    public Task Running => running;

    public static async Task<ControllerApp> StartAsync(ControllerOptions options, KubernetesClientConfiguration clientConfiguration, ILoggerFactory logging, TimeProvider time)
    {
        var parts = new ControllerParts(options, clientConfiguration, logging, time);
        if (options.HealthPort < 0)
        {
            return new ControllerApp(parts, null, null);
        }

        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(k => k.Listen(IPAddress.Parse(options.BindAddress), options.HealthPort));
        var web = builder.Build();
        HealthEndpoints.Map(web, parts.Readiness, parts.Registry);
        await web.StartAsync().ConfigureAwait(false);
        var address = web.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        return new ControllerApp(parts, web, new Uri(address.Replace("0.0.0.0", "127.0.0.1", StringComparison.Ordinal)));
    }

    public async Task StopAsync()
    {
        await stop.CancelAsync().ConfigureAwait(false);
        await running.ConfigureAwait(false);
    }

    public async ValueTask DisposeAsync()
    {
        if (!stop.IsCancellationRequested)
        {
            await StopAsync().ConfigureAwait(false);
        }

        if (web is not null)
        {
            await web.StopAsync().ConfigureAwait(false);
            await web.DisposeAsync().ConfigureAwait(false);
        }

        Parts.Dispose();
        stop.Dispose();
    }
}
