using Autoscale.MetricsAdapter.Config;
using Autoscale.MetricsAdapter.Store;
using Autoscale.MetricsAdapter.Tls;
using Microsoft.AspNetCore.Connections;
using k8s;
using Prometheus;

namespace Autoscale.MetricsAdapter.Hosting;

/// <summary><c>serve</c>: the adapter in a cluster: discovery → scrape (or Prometheus) → store → API.</summary>
internal static class ServeCommand
{
    public static async Task<int> RunAsync(IReadOnlyList<string> args)
    {
        var options = CommandLine.Parse(args, new AdapterOptions());
        if (options.Check)
        {
            return await CheckCommand.RunAsync(options.ConfigFile!, Console.Out, Console.Error);
        }

        var registry = Metrics.NewCustomRegistry();
        CurrentAdapterConfig config;
        try
        {
            config = options.ConfigFile is { } file
                ? ConfigFileWatcher.LoadInitial(file, registry)
                : new CurrentAdapterConfig(AdapterConfig.Default, registry);
        }
        catch (ConfigException ex)
        {
            await Console.Error.WriteLineAsync($"error: invalid config file {options.ConfigFile}:\n  {string.Join("\n  ", ex.Errors)}");
            return 1;
        }

        WebApplication app;
        try
        {
            app = Build(options, config, registry, AdapterApp.CreateClient(options), TimeProvider.System);
        }
        catch (ServingCertificateException ex)
        {
            throw new StartupException(ex.Message, ex);
        }

        try
        {
            // Checked before the host starts: a bind failure inside it is logged with a stack trace first.
            EnsurePortsFree(options);
            await app.StartAsync();
        }
        catch (IOException ex) when (ex.InnerException is AddressInUseException || ex.Message.Contains("address already in use", StringComparison.OrdinalIgnoreCase))
        {
            throw new StartupException($"cannot listen on {options.BindAddress}:{options.SecurePort}: address already in use (--bind-address, --secure-port, --metrics-port)", ex);
        }
        catch (IOException ex)
        {
            throw new StartupException($"cannot listen on {options.BindAddress}:{options.SecurePort}: {ex.Message}", ex);
        }

        await app.WaitForShutdownAsync();
        return 0;
    }

    private static void EnsurePortsFree(AdapterOptions options)
    {
        var address = System.Net.IPAddress.Parse(options.BindAddress);
        (int Port, string Flags)[] ports =
        [
            (options.SecurePort, "--bind-address, --secure-port, --metrics-port"),
            (options.MetricsPort, "--bind-address, --secure-port, --metrics-port"),
            (options.KedaScaler.Port, "--bind-address, --keda-scaler-port"),
        ];
        foreach (var (port, flags) in ports.Where(p => p.Port > 0))
        {
            using var socket = new System.Net.Sockets.Socket(address.AddressFamily, System.Net.Sockets.SocketType.Stream, System.Net.Sockets.ProtocolType.Tcp);
            try
            {
                socket.Bind(new System.Net.IPEndPoint(address, port));
            }
            catch (System.Net.Sockets.SocketException ex) when (ex.SocketErrorCode == System.Net.Sockets.SocketError.AddressAlreadyInUse)
            {
                throw new StartupException($"cannot listen on {options.BindAddress}:{port}: address already in use ({flags})", ex);
            }
            catch (System.Net.Sockets.SocketException ex)
            {
                throw new StartupException($"cannot listen on {options.BindAddress}:{port}: {ex.Message}", ex);
            }
        }
    }

    /// <summary>The whole adapter as it runs in a cluster (also what the end-to-end tests start).</summary>
    public static WebApplication Build(
        AdapterOptions options, CurrentAdapterConfig config, CollectorRegistry registry, IKubernetes kubernetes, TimeProvider time,
        Action<ILoggingBuilder>? logging = null) =>
        AdapterApp.Build(options, config, new MetricStore(), registry, kubernetes, time, services =>
        {
            services.AddHostedService(sp => sp.GetRequiredService<AdapterPipeline>());
            if (options.ConfigFile is { } path)
            {
                services.AddHostedService(sp => new ConfigFileWatcher(path, config, time, sp.GetRequiredService<ILogger<ConfigFileWatcher>>()));
            }
        }, logging);
}
