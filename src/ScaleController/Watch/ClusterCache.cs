using Autoscale.Kubernetes.Watch;
using Autoscale.ScaleController.Config;
using Autoscale.ScaleController.ConfigSource;
using Autoscale.ScaleController.Decide.WarmPool;
using Autoscale.ScaleController.Telemetry;
using Autoscale.ScaleController.Watch.ScaleTargets;
using k8s;
using k8s.Models;
using Microsoft.Extensions.Logging;

namespace Autoscale.ScaleController.Watch;

/// <summary>
/// The watch caches: HPAs, Deployments, StatefulSets, placeholder pods and nodes (slimmed) cluster-wide, pods per
/// managed workload, and (ConfigMap mode) the controller's ConfigMap by name. All reflectors share one change signal. Scale targets of
/// any other kind are not watched but read each round through /scale (<see cref="ScaleTargetReader"/>).
/// </summary>
internal sealed class ClusterCache : IClusterCache, IDisposable
{
    private readonly ChangeSignal signal = new();
    private readonly Reflector<V2HorizontalPodAutoscaler> hpas;
    private readonly Reflector<V1Deployment> deployments;
    private readonly Reflector<V1StatefulSet> statefulSets;
    private readonly Reflector<V1Pod> placeholders;
    private readonly Reflector<V1Node> nodes;
    private readonly Reflector<V1ConfigMap>? configMap;
    private readonly ConfigMapWatch? configWatch;
    private readonly PodWatches pods;
    private readonly ScaleTargetReader targets;

    public ClusterCache(k8s.Kubernetes client, ConfigFeed? feed, string configNamespace, string configName, ReflectorOptions options, ControllerMetrics metrics, TimeProvider time, ILogger logger)
    {
        var api = new ApiReader(client);
        targets = new ScaleTargetReader(api, new ResourceDiscovery(api, time), metrics, time, logger);
        options = options with { Signal = signal };
        hpas = new(ListWatch.HorizontalPodAutoscalers(client, WatchScope.All), time, logger, options with { Name = "hpas" });
        deployments = new(ListWatch.Deployments(client, WatchScope.All), time, logger, options with { Name = "deployments" });
        statefulSets = new(ListWatch.StatefulSets(client, WatchScope.All), time, logger, options with { Name = "statefulsets" });
        placeholders = new(ListWatch.Pods(client, new WatchScope(LabelSelector: PlaceholderLabels.Placeholder + "=true")), time, logger, options with { Name = "placeholders" });
        nodes = new(new SlimListWatch<V1Node>(ListWatch.Nodes(client, WatchScope.All), NodeMapper.Slim), time, logger, options with { Name = "nodes" });
        pods = new PodWatches(client, signal, options, time, logger);
        if (feed is not null)
        {
            configMap = new(ListWatch.ConfigMaps(client, WatchScope.Named(configNamespace, configName)), time, logger, options with { Name = "configmap" });
            configWatch = new ConfigMapWatch(configMap, feed, configName);
            configWatch.Attach();
        }
    }

    public event Action? Changed;

    public bool Synced => hpas.HasSynced && deployments.HasSynced && statefulSets.HasSynced && placeholders.HasSynced && nodes.HasSynced && (configMap?.HasSynced ?? true);

    /// <summary>Why each managed workload read through /scale is skipped this round (403, unknown kind, …).</summary>
    public IReadOnlyDictionary<WorkloadRef, string> ScaleTargetProblems => targets.Problems;

    public bool WatchPods(IReadOnlyCollection<WatchScope> scopes) => pods.Ensure(scopes);

    public Task RefreshScaleTargetsAsync(ControllerConfig config, CancellationToken stop) =>
        targets.RefreshAsync(config.Workloads.Select(w => w.Workload), pods.Pods(), stop);

    public ClusterSnapshot Snapshot()
    {
        var workloadPods = pods.Pods();
        return new([.. hpas.Current], [.. deployments.Current], [.. statefulSets.Current], workloadPods, [.. placeholders.Current], targets.Current, targets.Unreadable,
            [.. nodes.Current], pods.UnschedulableSince(workloadPods));
    }

    public async Task RunAsync(CancellationToken stop)
    {
        pods.Start(stop);
        var runs = new List<Task> { hpas.RunAsync(stop), deployments.RunAsync(stop), statefulSets.RunAsync(stop), placeholders.RunAsync(stop), nodes.RunAsync(stop), PumpAsync(stop) };
        if (configMap is not null && configWatch is not null)
        {
            runs.Add(configMap.RunAsync(stop));
            runs.Add(configWatch.AfterSyncAsync(stop));
        }

        try
        {
            await Task.WhenAll(runs).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested)
        {
        }
    }

    public void Dispose() => pods.Dispose();

    private async Task PumpAsync(CancellationToken stop)
    {
        while (!stop.IsCancellationRequested)
        {
            await signal.WaitAsync(stop).ConfigureAwait(false);
            Changed?.Invoke();
        }
    }
}
