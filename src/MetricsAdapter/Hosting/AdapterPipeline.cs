using Autoscale.MetricsAdapter.Catalog;
using Autoscale.MetricsAdapter.Config;
using Autoscale.MetricsAdapter.Sources;
using Autoscale.MetricsAdapter.Sources.Targets;
using Autoscale.MetricsAdapter.Sources.Prometheus;
using Autoscale.MetricsAdapter.Sources.Router;
using Autoscale.MetricsAdapter.Sources.Scrape;
using Autoscale.MetricsAdapter.Store;
using k8s;
using Prometheus;
using Autoscale.MetricsAdapter.Sources.Definitions;

namespace Autoscale.MetricsAdapter.Hosting;

/// <summary>
/// The adapter's visible pipeline, discover → scrape (or query Prometheus) → store, following the config file:
/// scrape settings apply in place, a changed discovery section restarts discovery, a changed <c>prometheus:</c>
/// section restarts the source (and switches between scraping pods and querying Prometheus).
/// </summary>
internal sealed partial class AdapterPipeline(
    CurrentAdapterConfig config,
    MetricStore store,
    ScrapeTargets targets,
    SourceHeartbeat heartbeat,
    CollectorRegistry registry,
    IKubernetes? kubernetes,
    TimeProvider time,
    ILoggerFactory loggers) : BackgroundService
{
    private readonly ILogger _logger = loggers.CreateLogger<AdapterPipeline>();
    private readonly ScrapeMetrics _scrapeMetrics = new(registry);
    private readonly RouterMetrics _routerMetrics = new(registry);
    private PrometheusSource? _prometheus;

    /// <summary>The catalog being served: the config's, plus what Prometheus rules define when that is the source.</summary>
    public MetricCatalog Catalog => Volatile.Read(ref _prometheus)?.Catalog ?? config.Current.Catalog;

    /// <summary>The rule metrics of the Prometheus source, when it is the source.</summary>
    public IRuleValues? Rules => Volatile.Read(ref _prometheus);

    /// <summary>Why values are missing when the Prometheus source is failing; null while it delivers.</summary>
    public string? WhyUnavailable => Volatile.Read(ref _prometheus) is { Status: { Healthy: false, LastError: { } error } status }
        ? $"prometheus at {config.Current.Prometheus?.Url} is failing since {status.LastSuccessAt?.ToString("u", System.Globalization.CultureInfo.InvariantCulture) ?? "start"}: {error}"
        : null;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var current = config.Current;
        var discovery = StartTargetWatch(current, stoppingToken);
        var source = StartSource(current, stoppingToken);
        var routers = StartRouters(current, stoppingToken);
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await config.Changed.WaitAsync(stoppingToken);
            }
            catch (OperationCanceledException)
            {
                break;
            }

            var next = config.Current;
            if (next.Discovery != current.Discovery)
            {
                LogRestarting(_logger, "discovery");
                await discovery.StopAsync();
                discovery = StartTargetWatch(next, stoppingToken);
            }

            if (next.PrometheusYaml != current.PrometheusYaml)
            {
                LogRestarting(_logger, next.Prometheus is null ? "pod scraping" : "Prometheus source");
                await source.StopAsync();
                source = StartSource(next, stoppingToken);
            }
            else if (source.Service is ScrapeService scrape && (next.Scrape != current.Scrape || next.Mapping != current.Mapping))
            {
                scrape.Reconfigure(next.Scrape, next.Mapping);
            }

            if (!RouterEndpoint.SameAll(next.Routers, current.Routers) || next.Scrape != current.Scrape)
            {
                LogRestarting(_logger, "router scraping");
                await routers.StopAsync();
                routers = StartRouters(next, stoppingToken);
            }

            current = next;
        }

        await discovery.StopAsync();
        await source.StopAsync();
        await routers.StopAsync();
    }

    private Running StartTargetWatch(AdapterConfig current, CancellationToken stoppingToken)
    {
        if (kubernetes is null)
        {
            return Running.None;
        }

        var d = current.Discovery;
        var options = new TargetWatchOptions
        {
            FollowHpas = d.FollowHorizontalPodAutoscalers,
            ExtraSelectors = [.. d.Pods.Select(p => new ScrapeSelector(p.Namespace.Length == 0 ? null : p.Namespace, p.LabelSelector))],
            GpuExporterSelectors = d.Dcgm is null ? [] : [d.Dcgm.LabelSelector],
            GpuExporterNamespace = d.Dcgm is { Namespace.Length: > 0 } dcgm ? dcgm.Namespace : null,
            DefaultPath = d.DefaultPath,
        };
        var discovery = new TargetWatch(kubernetes, store, targets, current.Catalog, options, time, loggers);
        var cts = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken);
        return new Running(null, Task.Run(() => discovery.RunAsync(cts.Token), CancellationToken.None), cts);
    }

    private Running StartSource(AdapterConfig current, CancellationToken stoppingToken)
    {
        BackgroundService service;
        if (current.Prometheus is { } prometheus)
        {
            var source = PrometheusSource.Create(prometheus, store, time, loggers, registry, heartbeat, kubernetes);
            Volatile.Write(ref _prometheus, source);
            service = source;
        }
        else
        {
            Volatile.Write(ref _prometheus, null);
            service = new ScrapeService(targets, store, heartbeat, _scrapeMetrics, current.Scrape, current.Mapping, time, loggers.CreateLogger<ScrapeService>());
        }

        var cts = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken);
        return new Running(service, service.StartAsync(cts.Token), cts);
    }

    /// <summary>The routers' demand on each model's scale target, whichever source reads the pods.</summary>
    private Running StartRouters(AdapterConfig current, CancellationToken stoppingToken)
    {
        var service = new RouterService(current.Routers, store, current.Scrape, time, loggers.CreateLogger<RouterService>(), _routerMetrics);
        var cts = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken);
        return new Running(service, service.StartAsync(cts.Token), cts);
    }

    private sealed record Running(BackgroundService? Service, Task Started, CancellationTokenSource? Cancel)
    {
        public static Running None { get; } = new(null, Task.CompletedTask, null);

        public async Task StopAsync()
        {
            if (Cancel is null)
            {
                return;
            }

            await Cancel.CancelAsync();
            if (Service is not null)
            {
                await Service.StopAsync(CancellationToken.None);
            }
            else
            {
                try
                {
                    await Started;
                }
                catch (OperationCanceledException)
                {
                }
            }

            Service?.Dispose();
            Cancel.Dispose();
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Configuration changed: restarting {Stage}")]
    private static partial void LogRestarting(ILogger logger, string stage);
}
