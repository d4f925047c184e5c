using Autoscale.Kubernetes.Watch;
using Autoscale.ScaleController.Config;
using Autoscale.ScaleController.Decide.WarmPool;
using k8s;
using k8s.Models;
using Microsoft.Extensions.Logging;

namespace Autoscale.ScaleController.Watch;

/// <summary>
/// The watch caches: HPAs, Deployments, StatefulSets, placeholder pods and nodes (slimmed) cluster-wide, pods per
/// managed workload, and (ConfigMap mode) the controller's ConfigMap by name. All reflectors share one change signal. Scale targets of
/// any other kind are not watched: <see cref="ClusterWatch"/> reads them each round through /scale.
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

    public ClusterCache(k8s.Kubernetes client, ConfigFeed? feed, string configNamespace, string configName, ReflectorOptions options, TimeProvider time, ILogger logger)
    {
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

    public bool WatchPods(IReadOnlyCollection<WatchScope> scopes) => pods.Ensure(scopes);

    public ClusterSnapshot Snapshot()
    {
        // Listed before the pods are read: a scope listed by then has all of its pods in this snapshot.
        var listed = pods.Listed();
        var workloadPods = pods.Pods();
        return new([.. hpas.Current], [.. deployments.Current], [.. statefulSets.Current], workloadPods, [.. placeholders.Current],
            Nodes: [.. nodes.Current], UnschedulableByUid: pods.UnschedulableSince(workloadPods), ListedPodScopes: listed);
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
