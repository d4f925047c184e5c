using Autoscale.Hosting;
using Autoscale.ScaleController.Act;
using Autoscale.ScaleController.Config;
using Autoscale.ScaleController.Kube;
using Autoscale.ScaleController.Leadership;
using Autoscale.ScaleController.Loop;
using Autoscale.ScaleController.Telemetry;
using Autoscale.ScaleController.Watch;
using Autoscale.ScaleController.Watch.CapacityBuffers;
using Autoscale.ScaleController.Watch.Demand;
using Autoscale.ScaleController.Watch.QueueDepth;
using Autoscale.ScaleController.Watch.ScaleTargets;
using k8s;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Autoscale.ScaleController.Hosting;

/// <summary>
/// The composition root, once, on plain DI: client → config feed → watch caches → Watch stage → leadership → Act →
/// loop, and the long-running parts as hosted services in start order (stopped in reverse: the loop first, then the
/// election releases its lease, the caches last).
/// </summary>
internal static class ControllerServices
{
    public static IServiceCollection AddScaleController(this IServiceCollection services, ControllerOptions options, KubernetesClientConfiguration clientConfiguration, TimeProvider time)
    {
        var identity = options.Identity ?? Environment.GetEnvironmentVariable("POD_NAME") ?? Environment.MachineName;
        options = options with { Identity = identity };
        var fileMode = options.ConfigFile is not null;
        services.AddSingleton(options);
        services.AddSingleton(time);
        services.AddSingleton(_ =>
        {
            var registry = Prometheus.Metrics.NewCustomRegistry();
            ProcessMetrics.Register(registry, "autoscale_controller_build_info", ThisBuild.Current);
            return new ControllerMetrics(registry);
        });
        services.AddSingleton(sp => KubeClientFactory.Create(
            clientConfiguration, options.ApiRetry, sp.GetRequiredService<ControllerMetrics>(), time, Logger(sp, "Autoscale.ScaleController.Kube"), [.. options.ApiHandlers.Select(h => h())]));
        services.AddSingleton(sp => new ConfigFeed(new ConfigStore(sp.GetRequiredService<ILogger<ConfigStore>>()), sp.GetRequiredService<ControllerMetrics>()));
        services.AddSingleton(sp => new ClusterCache(
            sp.GetRequiredService<k8s.Kubernetes>(), fileMode ? null : sp.GetRequiredService<ConfigFeed>(), options.ConfigNamespace, options.ConfigMapName, options.Watch, time, Logger(sp, "Autoscale.ScaleController.Watch")));
        services.AddSingleton(sp =>
        {
            var client = sp.GetRequiredService<k8s.Kubernetes>();
            var metrics = sp.GetRequiredService<ControllerMetrics>();
            var api = new ApiReader(client);
            var logger = Logger(sp, "Autoscale.ScaleController.Watch");
            return new ClusterWatch(
                sp.GetRequiredService<ClusterCache>(),
                new ScaleTargetReader(api, new ResourceDiscovery(api, time), metrics, time, logger),
                new QueueDepthFeed(new QueueDepthReader(client), metrics, time, Logger(sp, "Autoscale.ScaleController.Watch.QueueDepth")),
                new DemandFeed(client, metrics, time, Logger(sp, "Autoscale.ScaleController.Watch.Demand")),
                logger,
                new CapacityBufferFeed(api, new CapacityBufferDiscovery(api, time) { Interval = options.CapacityBufferDiscovery }, time, Logger(sp, "Autoscale.ScaleController.Watch.CapacityBuffers")));
        });
        if (options.LeaderElect)
        {
            var election = new LeaderElectionOptions(options.LeaderElectionNamespace, options.LeaseName, identity, options.LeaseDuration, options.RenewDeadline, options.RetryPeriod);
            services.AddSingleton(sp => new LeaseLeadership(
                sp.GetRequiredService<k8s.Kubernetes>(), election, sp.GetRequiredService<ControllerMetrics>(), time, sp.GetRequiredService<ILogger<LeaseLeadership>>()));
            services.AddSingleton<ILeadership>(sp => sp.GetRequiredService<LeaseLeadership>());
        }
        else
        {
            services.AddSingleton<ILeadership>(sp =>
            {
                sp.GetRequiredService<ControllerMetrics>().Leader.Set(1);
                return new AlwaysLeader();
            });
        }

        services.AddSingleton(sp => new Actor(
            sp.GetRequiredService<k8s.Kubernetes>(), sp.GetRequiredService<ILeadership>(), sp.GetRequiredService<ControllerMetrics>(), sp.GetRequiredService<ILogger<Actor>>(), identity, time));
        services.AddSingleton(sp => new ConfigEventReporter(
            sp.GetRequiredService<ConfigFeed>(),
            new EventRecorder(sp.GetRequiredService<k8s.Kubernetes>(), identity, time),
            fileMode ? null : EventTarget.ConfigMap(options.ConfigNamespace, options.ConfigMapName),
            sp.GetRequiredService<ILogger<ConfigEventReporter>>()));
        services.AddSingleton(sp => new ControllerLoop(
            sp.GetRequiredService<ClusterWatch>(), sp.GetRequiredService<ConfigFeed>(), sp.GetRequiredService<Actor>(), sp.GetRequiredService<ConfigEventReporter>(),
            sp.GetRequiredService<ILeadership>(), sp.GetRequiredService<ControllerMetrics>(), options.Loop with { DryRun = options.DryRun || options.Loop.DryRun }, time,
            sp.GetRequiredService<ILogger<ControllerLoop>>()));
        services.AddSingleton<ControllerReadiness>();

        // AddSingleton, not AddHostedService: the latter keeps one registration per implementation type.
        services.AddSingleton<IHostedService>(sp => new StageService("watch", sp.GetRequiredService<ClusterCache>().RunAsync));
        if (fileMode)
        {
            services.AddSingleton<IHostedService>(sp => new StageService("config file", new FileConfigWatcher(
                options.ConfigFile!, sp.GetRequiredService<ConfigFeed>(), options.ConfigFileInterval, time, sp.GetRequiredService<ILogger<FileConfigWatcher>>()).RunAsync));
        }

        if (options.LeaderElect)
        {
            services.AddSingleton<IHostedService>(sp => new StageService("election", sp.GetRequiredService<LeaseLeadership>().RunAsync));
        }

        services.AddSingleton<IHostedService>(sp => new StageService("loop", sp.GetRequiredService<ControllerLoop>().RunAsync));
        return services;
    }

    private static ILogger Logger(IServiceProvider services, string category) => services.GetRequiredService<ILoggerFactory>().CreateLogger(category);
}
