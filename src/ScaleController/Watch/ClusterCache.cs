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
    private readonly ChangeSignal _signal = new();
    private readonly Reflector<V2HorizontalPodAutoscaler> _hpas;
    private readonly Reflector<V1Deployment> _deployments;
    private readonly Reflector<V1StatefulSet> _statefulSets;
    private readonly Reflector<V1Pod> _placeholders;
    private readonly Reflector<V1Node> _nodes;
    private readonly Reflector<V1ConfigMap>? _configMap;
    private readonly ConfigMapWatch? _configWatch;
    private readonly PodWatches _pods;

    public ClusterCache(k8s.Kubernetes client, ConfigFeed? feed, string configNamespace, string configName, ReflectorOptions options, TimeProvider time, ILogger logger)
    {
        options = options with { Signal = _signal };
        _hpas = new(ListWatch.HorizontalPodAutoscalers(client, WatchScope.All), time, logger, options with { Name = "hpas" });
        _deployments = new(ListWatch.Deployments(client, WatchScope.All), time, logger, options with { Name = "deployments" });
        _statefulSets = new(ListWatch.StatefulSets(client, WatchScope.All), time, logger, options with { Name = "statefulsets" });
        _placeholders = new(ListWatch.Pods(client, new WatchScope(LabelSelector: PlaceholderLabels.Placeholder + "=true")), time, logger, options with { Name = "placeholders" });
        _nodes = new(new SlimListWatch<V1Node>(ListWatch.Nodes(client, WatchScope.All), NodeMapper.Slim), time, logger, options with { Name = "nodes" });
        _pods = new PodWatches(client, _signal, options, time, logger);
        if (feed is not null)
        {
            _configMap = new(ListWatch.ConfigMaps(client, WatchScope.Named(configNamespace, configName)), time, logger, options with { Name = "configmap" });
            _configWatch = new ConfigMapWatch(_configMap, feed, configName);
            _configWatch.Attach();
        }
    }

    public event Action? Changed;

    public bool Synced => _hpas.HasSynced && _deployments.HasSynced && _statefulSets.HasSynced && _placeholders.HasSynced && _nodes.HasSynced && (_configMap?.HasSynced ?? true);

    public bool WatchPods(IReadOnlyCollection<WatchScope> scopes) => _pods.Ensure(scopes);

    public ClusterSnapshot Snapshot()
    {
        // Listed before the pods are read: a scope listed by then has all of its pods in this snapshot.
        var listed = _pods.Listed();
        var workloadPods = _pods.Pods();
        return new([.. _hpas.Current], [.. _deployments.Current], [.. _statefulSets.Current], workloadPods, [.. _placeholders.Current],
            Nodes: [.. _nodes.Current], UnschedulableByUid: _pods.UnschedulableSince(workloadPods), ListedPodScopes: listed);
    }

    public async Task RunAsync(CancellationToken stop)
    {
        _pods.Start(stop);
        var runs = new List<Task> { _hpas.RunAsync(stop), _deployments.RunAsync(stop), _statefulSets.RunAsync(stop), _placeholders.RunAsync(stop), _nodes.RunAsync(stop), PumpAsync(stop) };
        if (_configMap is not null && _configWatch is not null)
        {
            runs.Add(_configMap.RunAsync(stop));
            runs.Add(_configWatch.AfterSyncAsync(stop));
        }

        try
        {
            await Task.WhenAll(runs).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested)
        {
        }
    }

    public void Dispose() => _pods.Dispose();

    private async Task PumpAsync(CancellationToken stop)
    {
        while (!stop.IsCancellationRequested)
        {
            await _signal.WaitAsync(stop).ConfigureAwait(false);
            Changed?.Invoke();
        }
    }
}
