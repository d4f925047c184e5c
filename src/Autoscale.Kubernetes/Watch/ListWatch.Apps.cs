using k8s;
using k8s.Models;

namespace Autoscale.Kubernetes.Watch;

/// <summary>Factories for the apps, autoscaling and coordination kinds.</summary>
public static partial class ListWatch
{
    public static ListWatch<V1Deployment> Deployments(IKubernetes client, WatchScope scope) => Create<V1Deployment, V1DeploymentList>(
        (c, l, t) => scope.Namespace is { } ns
            ? client.AppsV1.ListNamespacedDeploymentAsync(ns, continueParameter: c, limit: l, labelSelector: scope.LabelSelector, fieldSelector: scope.FieldSelector, cancellationToken: t)
            : client.AppsV1.ListDeploymentForAllNamespacesAsync(continueParameter: c, limit: l, labelSelector: scope.LabelSelector, fieldSelector: scope.FieldSelector, cancellationToken: t),
        (rv, s, e, t) => scope.Namespace is { } ns
            ? client.AppsV1.WatchListNamespacedDeploymentAsync(ns, allowWatchBookmarks: true, resourceVersion: rv, timeoutSeconds: s, labelSelector: scope.LabelSelector, fieldSelector: scope.FieldSelector, onError: e, cancellationToken: t)
            : client.AppsV1.WatchListDeploymentForAllNamespacesAsync(allowWatchBookmarks: true, resourceVersion: rv, timeoutSeconds: s, labelSelector: scope.LabelSelector, fieldSelector: scope.FieldSelector, onError: e, cancellationToken: t));

    public static ListWatch<V1StatefulSet> StatefulSets(IKubernetes client, WatchScope scope) => Create<V1StatefulSet, V1StatefulSetList>(
        (c, l, t) => scope.Namespace is { } ns
            ? client.AppsV1.ListNamespacedStatefulSetAsync(ns, continueParameter: c, limit: l, labelSelector: scope.LabelSelector, fieldSelector: scope.FieldSelector, cancellationToken: t)
            : client.AppsV1.ListStatefulSetForAllNamespacesAsync(continueParameter: c, limit: l, labelSelector: scope.LabelSelector, fieldSelector: scope.FieldSelector, cancellationToken: t),
        (rv, s, e, t) => scope.Namespace is { } ns
            ? client.AppsV1.WatchListNamespacedStatefulSetAsync(ns, allowWatchBookmarks: true, resourceVersion: rv, timeoutSeconds: s, labelSelector: scope.LabelSelector, fieldSelector: scope.FieldSelector, onError: e, cancellationToken: t)
            : client.AppsV1.WatchListStatefulSetForAllNamespacesAsync(allowWatchBookmarks: true, resourceVersion: rv, timeoutSeconds: s, labelSelector: scope.LabelSelector, fieldSelector: scope.FieldSelector, onError: e, cancellationToken: t));

    /// <summary>HorizontalPodAutoscalers through autoscaling/v2 (metrics and behavior included).</summary>
    public static ListWatch<V2HorizontalPodAutoscaler> HorizontalPodAutoscalers(IKubernetes client, WatchScope scope) => Create<V2HorizontalPodAutoscaler, V2HorizontalPodAutoscalerList>(
        (c, l, t) => scope.Namespace is { } ns
            ? client.AutoscalingV2.ListNamespacedHorizontalPodAutoscalerAsync(ns, continueParameter: c, limit: l, labelSelector: scope.LabelSelector, fieldSelector: scope.FieldSelector, cancellationToken: t)
            : client.AutoscalingV2.ListHorizontalPodAutoscalerForAllNamespacesAsync(continueParameter: c, limit: l, labelSelector: scope.LabelSelector, fieldSelector: scope.FieldSelector, cancellationToken: t),
        (rv, s, e, t) => scope.Namespace is { } ns
            ? client.AutoscalingV2.WatchListNamespacedHorizontalPodAutoscalerAsync(ns, allowWatchBookmarks: true, resourceVersion: rv, timeoutSeconds: s, labelSelector: scope.LabelSelector, fieldSelector: scope.FieldSelector, onError: e, cancellationToken: t)
            : client.AutoscalingV2.WatchListHorizontalPodAutoscalerForAllNamespacesAsync(allowWatchBookmarks: true, resourceVersion: rv, timeoutSeconds: s, labelSelector: scope.LabelSelector, fieldSelector: scope.FieldSelector, onError: e, cancellationToken: t));

    public static ListWatch<V1Lease> Leases(IKubernetes client, WatchScope scope) => Create<V1Lease, V1LeaseList>(
        (c, l, t) => scope.Namespace is { } ns
            ? client.CoordinationV1.ListNamespacedLeaseAsync(ns, continueParameter: c, limit: l, labelSelector: scope.LabelSelector, fieldSelector: scope.FieldSelector, cancellationToken: t)
            : client.CoordinationV1.ListLeaseForAllNamespacesAsync(continueParameter: c, limit: l, labelSelector: scope.LabelSelector, fieldSelector: scope.FieldSelector, cancellationToken: t),
        (rv, s, e, t) => scope.Namespace is { } ns
            ? client.CoordinationV1.WatchListNamespacedLeaseAsync(ns, allowWatchBookmarks: true, resourceVersion: rv, timeoutSeconds: s, labelSelector: scope.LabelSelector, fieldSelector: scope.FieldSelector, onError: e, cancellationToken: t)
            : client.CoordinationV1.WatchListLeaseForAllNamespacesAsync(allowWatchBookmarks: true, resourceVersion: rv, timeoutSeconds: s, labelSelector: scope.LabelSelector, fieldSelector: scope.FieldSelector, onError: e, cancellationToken: t));
}
