using System.Globalization;
using Autoscale.Demo.Cluster;
using Autoscale.Hosting;
using Autoscale.MetricsAdapter.Auth;
using Autoscale.MetricsAdapter.Config;
using Autoscale.MetricsAdapter.Hosting;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Logging;

namespace Autoscale.Demo.Programs;

/// <summary>
/// The metrics adapter exactly as <c>serve</c> composes it in a cluster: discovery through the cluster's API (it
/// follows the HPA to its pods), scraping them, delegated authentication (the extension-apiserver-authentication
/// ConfigMap: client certificates and the aggregator's front-proxy headers) and delegated authorization
/// (SubjectAccessReview). Only its config file is the demo's: a shorter scrape interval.
/// </summary>
internal static class AdapterInCluster
{
    public static async Task<WebApplication> StartAsync(DemoOptions options, DemoCredentials credentials, DemoCluster cluster, LogLevel level)
    {
        var configFile = Path.Combine(credentials.Directory, "adapter-config.yaml");
        var interval = options.ScrapeInterval.TotalMilliseconds.ToString(CultureInfo.InvariantCulture);
        File.WriteAllText(configFile, $"""
            # The demo adapter's config (deploy/ mounts the same file from a ConfigMap).
            scrape:
              interval: {interval}ms
              timeout: {Math.Min(options.ScrapeInterval.TotalMilliseconds * 0.8, 5000).ToString(CultureInfo.InvariantCulture)}ms
              latencyWindow: {options.LatencyWindow.TotalMilliseconds.ToString(CultureInfo.InvariantCulture)}ms

            """);
        var adapterOptions = new AdapterOptions
        {
            BindAddress = "127.0.0.1",
            SecurePort = options.AdapterPort,
            MetricsPort = options.AdapterMetricsPort,
            TlsCertFile = credentials.ServerCertFile,
            TlsPrivateKeyFile = credentials.ServerKeyFile,
            Authentication = new AuthenticationFlags(),
            AuthorizationMode = AuthorizationMode.Delegated,
            ConfigFile = configFile,
            Log = new LogSettings(Json: false, level),
            // Plaintext only because it is loopback and a demo; in a cluster the scaler serves TLS unless told otherwise.
            KedaScaler = new KedaScalerOptions { Port = options.KedaScalerPort, Plaintext = true },
        };
        foreach (var port in new[] { options.AdapterPort, options.AdapterMetricsPort, options.KedaScalerPort }.Where(p => p > 0))
        {
            EnsureFree(port);
        }

        var registry = Prometheus.Metrics.NewCustomRegistry();
        var app = ServeCommand.Build(adapterOptions, ConfigFileWatcher.LoadInitial(configFile, registry), registry,
            cluster.Server.CreateClient(DemoCluster.AdapterToken), TimeProvider.System);
        await app.StartAsync();
        return app;
    }

    // Checked before the host starts: a bind failure inside it is logged with a stack trace first.
    private static void EnsureFree(int port)
    {
        using var socket = new System.Net.Sockets.Socket(System.Net.Sockets.AddressFamily.InterNetwork, System.Net.Sockets.SocketType.Stream, System.Net.Sockets.ProtocolType.Tcp);
        try
        {
            socket.Bind(new System.Net.IPEndPoint(System.Net.IPAddress.Loopback, port));
        }
        catch (System.Net.Sockets.SocketException ex) when (ex.SocketErrorCode == System.Net.Sockets.SocketError.AddressAlreadyInUse)
        {
            throw new IOException($"cannot listen on 127.0.0.1:{port}: address already in use", ex);
        }
    }
}
