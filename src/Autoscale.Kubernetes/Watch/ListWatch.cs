using k8s;
using k8s.Models;

namespace Autoscale.Kubernetes.Watch;

/// <summary>
/// <see cref="ListWatch{T}"/> factories for the kinds the programs watch, on the typed <see cref="IKubernetes"/>
/// calls (<c>List…Async</c> and <c>WatchList…Async</c>), namespaced or across all namespaces.
/// </summary>
public static partial class ListWatch
{
    public static ListWatch<V1Pod> Pods(IKubernetes client, WatchScope scope) => Create<V1Pod, V1PodList>(
        (c, l, t) => scope.Namespace is { } ns
            ? client.CoreV1.ListNamespacedPodAsync(ns, continueParameter: c, limit: l, labelSelector: scope.LabelSelector, fieldSelector: scope.FieldSelector, cancellationToken: t)
            : client.CoreV1.ListPodForAllNamespacesAsync(continueParameter: c, limit: l, labelSelector: scope.LabelSelector, fieldSelector: scope.FieldSelector, cancellationToken: t),
        (rv, s, e, t) => scope.Namespace is { } ns
            ? client.CoreV1.WatchListNamespacedPodAsync(ns, allowWatchBookmarks: true, resourceVersion: rv, timeoutSeconds: s, labelSelector: scope.LabelSelector, fieldSelector: scope.FieldSelector, onError: e, cancellationToken: t)
            : client.CoreV1.WatchListPodForAllNamespacesAsync(allowWatchBookmarks: true, resourceVersion: rv, timeoutSeconds: s, labelSelector: scope.LabelSelector, fieldSelector: scope.FieldSelector, onError: e, cancellationToken: t));

    public static ListWatch<V1Service> Services(IKubernetes client, WatchScope scope) => Create<V1Service, V1ServiceList>(
        (c, l, t) => scope.Namespace is { } ns
            ? client.CoreV1.ListNamespacedServiceAsync(ns, continueParameter: c, limit: l, labelSelector: scope.LabelSelector, fieldSelector: scope.FieldSelector, cancellationToken: t)
            : client.CoreV1.ListServiceForAllNamespacesAsync(continueParameter: c, limit: l, labelSelector: scope.LabelSelector, fieldSelector: scope.FieldSelector, cancellationToken: t),
        (rv, s, e, t) => scope.Namespace is { } ns
            ? client.CoreV1.WatchListNamespacedServiceAsync(ns, allowWatchBookmarks: true, resourceVersion: rv, timeoutSeconds: s, labelSelector: scope.LabelSelector, fieldSelector: scope.FieldSelector, onError: e, cancellationToken: t)
            : client.CoreV1.WatchListServiceForAllNamespacesAsync(allowWatchBookmarks: true, resourceVersion: rv, timeoutSeconds: s, labelSelector: scope.LabelSelector, fieldSelector: scope.FieldSelector, onError: e, cancellationToken: t));

    public static ListWatch<V1ConfigMap> ConfigMaps(IKubernetes client, WatchScope scope) => Create<V1ConfigMap, V1ConfigMapList>(
        (c, l, t) => scope.Namespace is { } ns
            ? client.CoreV1.ListNamespacedConfigMapAsync(ns, continueParameter: c, limit: l, labelSelector: scope.LabelSelector, fieldSelector: scope.FieldSelector, cancellationToken: t)
            : client.CoreV1.ListConfigMapForAllNamespacesAsync(continueParameter: c, limit: l, labelSelector: scope.LabelSelector, fieldSelector: scope.FieldSelector, cancellationToken: t),
        (rv, s, e, t) => scope.Namespace is { } ns
            ? client.CoreV1.WatchListNamespacedConfigMapAsync(ns, allowWatchBookmarks: true, resourceVersion: rv, timeoutSeconds: s, labelSelector: scope.LabelSelector, fieldSelector: scope.FieldSelector, onError: e, cancellationToken: t)
            : client.CoreV1.WatchListConfigMapForAllNamespacesAsync(allowWatchBookmarks: true, resourceVersion: rv, timeoutSeconds: s, labelSelector: scope.LabelSelector, fieldSelector: scope.FieldSelector, onError: e, cancellationToken: t));

    /// <summary>Nodes are cluster-scoped: the scope's namespace is ignored.</summary>
    public static ListWatch<V1Node> Nodes(IKubernetes client, WatchScope scope) => Create<V1Node, V1NodeList>(
        (c, l, t) => client.CoreV1.ListNodeAsync(continueParameter: c, limit: l, labelSelector: scope.LabelSelector, fieldSelector: scope.FieldSelector, cancellationToken: t),
        (rv, s, e, t) => client.CoreV1.WatchListNodeAsync(allowWatchBookmarks: true, resourceVersion: rv, timeoutSeconds: s, labelSelector: scope.LabelSelector, fieldSelector: scope.FieldSelector, onError: e, cancellationToken: t));

    /// <summary>A list/watch from any pair of typed calls whose list type carries items and list metadata.</summary>
    public static ListWatch<T> Create<T, TList>(
        Func<string?, int?, CancellationToken, Task<TList>> list,
        Func<string, int, Action<Exception>, CancellationToken, IAsyncEnumerable<(WatchEventType, T)>> watch)
        where T : IKubernetesObject<V1ObjectMeta>
        where TList : IItems<T>, IMetadata<V1ListMeta> =>
        new(async (c, l, t) =>
        {
            var page = await list(c, l, t).ConfigureAwait(false);
            var items = page.Items is null ? [] : page.Items.ToArray();
            return new ListPage<T>(items, page.Metadata?.ResourceVersion ?? "", string.IsNullOrEmpty(page.Metadata?.ContinueProperty) ? null : page.Metadata.ContinueProperty);
        }, watch);
}
