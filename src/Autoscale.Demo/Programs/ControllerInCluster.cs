using Autoscale.Demo.Cluster;
using Autoscale.ScaleController.Hosting;
using Autoscale.ScaleController.Loop;
using Microsoft.Extensions.Logging;

namespace Autoscale.Demo.Programs;

/// <summary>
/// The scale controller as it runs in a cluster (watch → decide → act on the Generic Host), with the config file the
/// demo writes: it manages the demo workload's HPA and keeps one placeholder warm.
/// </summary>
internal static class ControllerInCluster
{
    public static string Config => $"""
        # The demo's scale controller config (in a cluster: ConfigMap autoscale-scale-controller-config, key config.yaml).
        budget:
          maxGpus: 2
        workloads:
          - namespace: {DemoWorkload.Namespace}
            name: {DemoWorkload.Name}
            warmPool:
              minimum: 1       # one GPU node kept warm by a placeholder pod
              maxGpus: 2

        """;

    public static async Task<ControllerApp> StartAsync(DemoOptions options, DemoCredentials credentials, DemoCluster cluster, ILoggerFactory logging)
    {
        var configFile = Path.Combine(credentials.Directory, "controller-config.yaml");
        File.WriteAllText(configFile, Config);
        var controllerOptions = new ControllerOptions
        {
            ConfigFile = configFile,
            LeaderElect = false,
            HealthPort = -1,
            Identity = "autoscale-scale-controller-demo",
            Loop = new LoopOptions(options.ControllerInterval, TimeSpan.FromMilliseconds(Math.Min(1000, options.ControllerInterval.TotalMilliseconds / 4))),
        };
        return await ControllerApp.StartAsync(controllerOptions, cluster.Server.CreateClientConfiguration(DemoCluster.ControllerToken), logging, TimeProvider.System);
    }
}
