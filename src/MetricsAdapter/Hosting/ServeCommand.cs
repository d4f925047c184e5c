using Autoscale.MetricsAdapter.Api;
using Autoscale.MetricsAdapter.Config;
using Autoscale.MetricsAdapter.Sources;
using Autoscale.MetricsAdapter.Store;
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
        AdapterConfigSource config;
        try
        {
            config = options.ConfigFile is { } file
                ? ConfigFileWatcher.LoadInitial(file, registry)
                : new AdapterConfigSource(AdapterConfig.Default, registry);
        }
        catch (ConfigException ex)
        {
            await Console.Error.WriteLineAsync($"error: invalid config file {options.ConfigFile}:\n  {string.Join("\n  ", ex.Errors)}");
            return 1;
        }

        var app = Build(options, config, registry, AdapterApp.CreateClient(options), TimeProvider.System);
        await app.RunAsync();
        return 0;
    }

    /// <summary>The whole adapter as it runs in a cluster (also what the end-to-end tests start).</summary>
    public static WebApplication Build(
        AdapterOptions options, AdapterConfigSource config, CollectorRegistry registry, IKubernetes kubernetes, TimeProvider time,
        Action<ILoggingBuilder>? logging = null)
    {
        var store = new MetricStore();
        var heartbeat = new SourceHeartbeat(config.Current.Scrape.Interval);
        AdapterPipeline? pipeline = null;
        var sources = new List<Func<IServiceProvider, IHostedService>>
        {
            sp => pipeline = new AdapterPipeline(config, store, new ScrapeTargets(), heartbeat, registry, kubernetes, time, sp.GetRequiredService<ILoggerFactory>()),
        };
        if (options.ConfigFile is { } path)
        {
            sources.Add(sp => new ConfigFileWatcher(path, config, time, sp.GetRequiredService<ILogger<ConfigFileWatcher>>()));
        }

        return AdapterApp.Build(
            options,
            new AdapterDependencies(
                time,
                store,
                kubernetes,
                sources,
                heartbeat,
                Catalog: () => pipeline?.Catalog ?? config.Current.Catalog,
                Serving: () => config.Current.Serving,
                Registry: registry,
                Health: new SourceHealth(() => pipeline?.WhyUnavailable)),
            logging);
    }
}
