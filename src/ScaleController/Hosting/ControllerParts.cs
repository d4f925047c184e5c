using Autoscale.ScaleController.Act;
using Autoscale.ScaleController.Config;
using Autoscale.ScaleController.Kube;
using Autoscale.ScaleController.Leadership;
using Autoscale.ScaleController.Loop;
using Autoscale.ScaleController.Watch.QueueDepth;
using Autoscale.ScaleController.Telemetry;
using Autoscale.ScaleController.Watch;
using Autoscale.ScaleController.Watch.ScaleTargets;
using k8s;
using Microsoft.Extensions.Logging;
using Prometheus;

namespace Autoscale.ScaleController.Hosting;

/// <summary>The controller's objects, wired from the options: client, config feed, caches, leadership, actor, loop.</summary>
internal sealed class ControllerParts : IDisposable
{
    public ControllerParts(ControllerOptions options, KubernetesClientConfiguration clientConfiguration, ILoggerFactory logging, TimeProvider time)
    {
        Options = options;
        Metrics = new ControllerMetrics(Prometheus.Metrics.NewCustomRegistry());
        Identity = options.Identity ?? Environment.GetEnvironmentVariable("POD_NAME") ?? Environment.MachineName;
        Client = KubeClientFactory.Create(
            clientConfiguration, options.ApiRetry, Metrics, time, logging.CreateLogger("Autoscale.ScaleController.Kube"), [.. options.ApiHandlers.Select(h => h())]);
        Config = new ConfigFeed(new ConfigStore(logging.CreateLogger<ConfigStore>()), Metrics);
        var fileMode = options.ConfigFile is not null;
        var watchLogger = logging.CreateLogger("Autoscale.ScaleController.Watch");
        Cache = new ClusterCache(Client, fileMode ? null : Config, options.ConfigNamespace, options.ConfigMapName, options.Watch, time, watchLogger);
        FileWatcher = fileMode ? new FileConfigWatcher(options.ConfigFile!, Config, options.ConfigFileInterval, time, logging.CreateLogger<FileConfigWatcher>()) : null;
        if (options.LeaderElect)
        {
            var election = new LeaderElectionOptions(options.LeaderElectionNamespace, options.LeaseName, Identity, options.LeaseDuration, options.RenewDeadline, options.RetryPeriod);
            Election = new LeaseLeadership(Client, election, Metrics, time, logging.CreateLogger<LeaseLeadership>());
            Leadership = Election;
        }
        else
        {
            Leadership = new AlwaysLeader();
            Metrics.Leader.Set(1);
        }

        var actor = new Actor(Client, Leadership, Metrics, logging.CreateLogger<Actor>(), Identity, time);
        var configMap = fileMode ? null : EventTarget.ConfigMap(options.ConfigNamespace, options.ConfigMapName);
        var configEvents = new ConfigEventReporter(Config, new EventRecorder(Client, Identity, time), configMap, logging.CreateLogger<ConfigEventReporter>());
        var queueDepth = new QueueDepthFeed(new QueueDepthReader(Client), Metrics, time, logging.CreateLogger("Autoscale.ScaleController.Watch.QueueDepth"));
        var api = new ApiReader(Client);
        Watch = new ClusterWatch(Cache, new ScaleTargetReader(api, new ResourceDiscovery(api, time), Metrics, time, watchLogger), queueDepth, watchLogger);
        Loop = new ControllerLoop(Watch, Config, actor, configEvents, Leadership, Metrics, options.Loop with { DryRun = options.DryRun || options.Loop.DryRun }, time, logging.CreateLogger<ControllerLoop>());
    }

    public ControllerOptions Options { get; }

    public ControllerMetrics Metrics { get; }

    public CollectorRegistry Registry => Metrics.Registry;

    public string Identity { get; }

    public k8s.Kubernetes Client { get; }

    public ConfigFeed Config { get; }

    public ClusterCache Cache { get; }

    public ClusterWatch Watch { get; }

    public FileConfigWatcher? FileWatcher { get; }

    public LeaseLeadership? Election { get; }

    public ILeadership Leadership { get; }

    public ControllerLoop Loop { get; }

    public (bool Ready, string Why) Readiness()
    {
        var synced = Cache.Synced;
        Metrics.CachesSynced.Set(synced ? 1 : 0);
        return !synced ? (false, "caches not synced")
            : !Config.Loaded ? (false, "config not loaded")
            : !Config.Valid ? (false, "config invalid: " + string.Join("; ", Config.Store.Error ?? []))
            : (true, "ok");
    }

    /// <summary>Runs watches, config, election and loop until <paramref name="stop"/>.</summary>
    public Task RunAsync(CancellationToken stop) => Task.WhenAll(
        Cache.RunAsync(stop),
        FileWatcher?.RunAsync(stop) ?? Task.CompletedTask,
        Election?.RunAsync(stop) ?? Task.CompletedTask,
        Loop.RunAsync(stop));

    public void Dispose()
    {
        Cache.Dispose();
        Client.Dispose();
    }
}
