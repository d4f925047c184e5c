using Autoscale.Kubernetes;
using Autoscale.Kubernetes.Watch;
using Autoscale.ScaleController.Config;
using Autoscale.ScaleController.Decide.Observed;
using k8s.Models;

namespace Autoscale.ScaleController.Watch;

/// <summary>
/// Caches → <see cref="ObservedCluster"/>: per managed workload its replicas, template, HPA and the pods its
/// selector matches (placeholders never: they carry none of the workload's labels) and its queue-depth history.
/// </summary>
internal static class ObservedClusterBuilder
{
    public static ObservedCluster Build(ControllerConfig config, ClusterSnapshot snapshot, IReadOnlyDictionary<WorkloadRef, IReadOnlyList<MetricSample>>? queueDepth = null)
    {
        var hpas = snapshot.Hpas.ToDictionary(h => (h.Metadata.NamespaceProperty, h.Metadata.Name));
        var workloads = new List<ObservedWorkload>();
        foreach (var managed in config.Workloads)
        {
            if (Workload(managed.Workload, snapshot) is not var (replicas, template, selector) || SelectorText.From(selector) is not { } text)
            {
                continue;
            }

            var matcher = LabelSelector.Parse(text);
            var pods = snapshot.Pods
                .Where(p => p.Metadata.NamespaceProperty == managed.Workload.Namespace && !IsPlaceholder(p)
                    && matcher.Matches(p.Metadata.Labels as IReadOnlyDictionary<string, string> ?? new Dictionary<string, string>(p.Metadata.Labels ?? new Dictionary<string, string>())))
                .OrderBy(p => p.Metadata.Name, StringComparer.Ordinal)
                .Select(PodMapper.ToObserved)
                .ToList();
            var hpa = hpas.GetValueOrDefault((managed.Workload.Namespace, managed.HpaName));
            workloads.Add(new ObservedWorkload(managed.Workload, replicas, TemplateMapper.ToTemplate(template), hpa is null ? null : HpaMapper.ToObserved(hpa), pods, queueDepth?.GetValueOrDefault(managed.Workload) ?? []));
        }

        var placeholders = snapshot.Placeholders
            .OrderBy(p => p.Metadata.NamespaceProperty, StringComparer.Ordinal).ThenBy(p => p.Metadata.Name, StringComparer.Ordinal)
            .Select(p => PodMapper.ToPlaceholder(p, config.Budget))
            .ToList();
        return new ObservedCluster(workloads, placeholders);
    }

    /// <summary>The pod watch scope (namespace + selector) of every managed workload found in the caches.</summary>
    public static IReadOnlyCollection<WatchScope> PodScopes(ControllerConfig config, ClusterSnapshot snapshot) =>
        config.Workloads
            .Select(w => Workload(w.Workload, snapshot) is var (_, _, selector) && SelectorText.From(selector) is { } text ? new WatchScope(w.Workload.Namespace, text) : null)
            .OfType<WatchScope>()
            .ToHashSet();

    public static bool IsPlaceholder(V1Pod pod) =>
        pod.Metadata.Labels?.TryGetValue(Decide.WarmPool.PlaceholderLabels.Placeholder, out var value) == true && value == "true";

    private static (int Replicas, V1PodTemplateSpec Template, V1LabelSelector Selector)? Workload(WorkloadRef workload, ClusterSnapshot snapshot)
    {
        bool Is(V1ObjectMeta meta) => meta.NamespaceProperty == workload.Namespace && meta.Name == workload.Name;
        return workload.Kind switch
        {
            WorkloadKind.Deployment => snapshot.Deployments.FirstOrDefault(d => Is(d.Metadata)) is { Spec: { } spec }
                ? (spec.Replicas ?? 1, spec.Template, spec.Selector) : null,
            WorkloadKind.StatefulSet => snapshot.StatefulSets.FirstOrDefault(s => Is(s.Metadata)) is { Spec: { } spec }
                ? (spec.Replicas ?? 1, spec.Template, spec.Selector) : null,
            _ => null,
        };
    }
}
