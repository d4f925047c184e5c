using Autoscale.Kubernetes.Watch;
using k8s;
using k8s.Models;
using Microsoft.Extensions.Logging;

namespace Autoscale.MetricsAdapter.Sources.Targets;

/// <summary>
/// The reflectors the target watch reads: pods, HPAs, Deployments, StatefulSets and Services per watched namespace (or one
/// each for all), plus GPU exporter pods per selector. They share one <see cref="ChangeSignal"/>.
/// </summary>
internal sealed class TargetWatchCaches
{
    private readonly List<Reflector<V1Pod>> _pods;
    private readonly List<Reflector<V2HorizontalPodAutoscaler>> _hpas;
    private readonly List<Reflector<V1Deployment>> _deployments;
    private readonly List<Reflector<V1StatefulSet>> _statefulSets;
    private readonly List<Reflector<V1Service>> _services;
    private readonly List<Reflector<V1Pod>> _gpuExporters;

    public TargetWatchCaches(IKubernetes client, TargetWatchOptions options, TimeProvider time, ILogger logger)
    {
        var tuning = (options.Reflector ?? new ReflectorOptions()) with { Signal = Signal };
        WatchScope[] scopes = options.Namespaces.Count == 0 ? [WatchScope.All] : [.. options.Namespaces.Select(ns => new WatchScope(ns))];

        List<Reflector<T>> Each<T>(string kind, Func<IKubernetes, WatchScope, IListWatch<T>> factory)
            where T : IKubernetesObject<V1ObjectMeta> =>
            [.. scopes.Select(s => new Reflector<T>(factory(client, s), time, logger, tuning with { Name = $"{kind} in {s.Namespace ?? "all namespaces"}" }))];

        _pods = Each("pods", ListWatch.Pods);
        // Always: besides which pods to scrape, HPAs carry the planner's desired replicas (DesiredReplicas).
        _hpas = Each("horizontalpodautoscalers", ListWatch.HorizontalPodAutoscalers);
        _deployments = Each("deployments", ListWatch.Deployments);
        _statefulSets = Each("statefulsets", ListWatch.StatefulSets);
        _services = Each("services", ListWatch.Services);
        _gpuExporters = [.. options.GpuExporterSelectors.Select(selector => new Reflector<V1Pod>(
            ListWatch.Pods(client, new WatchScope(options.GpuExporterNamespace, selector)), time, logger,
            tuning with { Name = $"gpu exporters {selector}" }))];
    }

    public ChangeSignal Signal { get; } = new();

    public bool HasSynced => Syncs().All(s => s.HasSynced);

    public Task RunAsync(CancellationToken cancellationToken) => Task.WhenAll(
        _pods.Select(r => r.RunAsync(cancellationToken))
            .Concat(_hpas.Select(r => r.RunAsync(cancellationToken)))
            .Concat(_deployments.Select(r => r.RunAsync(cancellationToken)))
            .Concat(_statefulSets.Select(r => r.RunAsync(cancellationToken)))
            .Concat(_services.Select(r => r.RunAsync(cancellationToken)))
            .Concat(_gpuExporters.Select(r => r.RunAsync(cancellationToken))));

    public Task WaitForSyncAsync(CancellationToken cancellationToken) =>
        Task.WhenAll(Syncs().Select(s => s.WaitForSyncAsync(cancellationToken)));

    public TargetWatchView View() => new(
        Union(_pods), Union(_hpas), Union(_deployments), Union(_statefulSets), Union(_services), Union(_gpuExporters));

    private IEnumerable<(bool HasSynced, Func<CancellationToken, Task> WaitForSyncAsync)> Syncs() =>
        _pods.Select(r => (r.HasSynced, (Func<CancellationToken, Task>)r.WaitForSyncAsync))
            .Concat(_hpas.Select(r => (r.HasSynced, (Func<CancellationToken, Task>)r.WaitForSyncAsync)))
            .Concat(_deployments.Select(r => (r.HasSynced, (Func<CancellationToken, Task>)r.WaitForSyncAsync)))
            .Concat(_statefulSets.Select(r => (r.HasSynced, (Func<CancellationToken, Task>)r.WaitForSyncAsync)))
            .Concat(_services.Select(r => (r.HasSynced, (Func<CancellationToken, Task>)r.WaitForSyncAsync)))
            .Concat(_gpuExporters.Select(r => (r.HasSynced, (Func<CancellationToken, Task>)r.WaitForSyncAsync)));

    private static List<T> Union<T>(List<Reflector<T>> reflectors)
        where T : IKubernetesObject<V1ObjectMeta> =>
        reflectors.Count == 1 ? [.. reflectors[0].Current] : [.. reflectors.SelectMany(r => r.Current)];
}
