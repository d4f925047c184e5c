using Autoscale.Kubernetes;
using Autoscale.Kubernetes.Watch;
using Autoscale.ScaleController.Config;
using Autoscale.ScaleController.Decide.Observed;
using k8s.Models;

namespace Autoscale.ScaleController.Watch;

/// <summary>
/// Caches → <see cref="ObservedCluster"/>: per managed workload its replicas, template, HPA and the pods its
/// selector matches (placeholders never: they carry none of the workload's labels), its queue-depth history and this
/// round's demand (planner on).
/// Deployments and StatefulSets come from the watch caches, any other kind from its last /scale read; a workload
/// found in neither is gone (so Decide collects its placeholders), unless its /scale read failed for another reason
/// than 404: then it is unreadable (Decide holds its placeholders).
/// </summary>
internal static class ObservedClusterBuilder
{
    public static ObservedCluster Build(
        ControllerConfig config,
        ClusterSnapshot snapshot,
        IReadOnlyDictionary<WorkloadRef, IReadOnlyList<MetricSample>>? queueDepth = null,
        IReadOnlyDictionary<WorkloadRef, WorkloadDemand>? demand = null)
    {
        var hpas = snapshot.Hpas.ToDictionary(h => (h.Metadata.NamespaceProperty, h.Metadata.Name));
        var workloads = new List<ObservedWorkload>();
        foreach (var managed in config.Workloads)
        {
            if (Workload(managed.Workload, snapshot) is not var (replicas, template, text, uid))
            {
                continue;
            }

            var matcher = LabelSelector.Parse(text);
            var pods = snapshot.Pods
                .Where(p => p.Metadata.NamespaceProperty == managed.Workload.Namespace && !IsPlaceholder(p)
                    && matcher.Matches(p.Metadata.Labels as IReadOnlyDictionary<string, string> ?? new Dictionary<string, string>(p.Metadata.Labels ?? new Dictionary<string, string>())))
                .OrderBy(p => p.Metadata.Name, StringComparer.Ordinal)
                .Select(p => Remembered(PodMapper.ToObserved(p), p, snapshot))
                .ToList();
            var hpa = hpas.GetValueOrDefault((managed.Workload.Namespace, managed.HpaName));
            workloads.Add(new ObservedWorkload(
                managed.Workload, replicas, TemplateMapper.ToTemplate(template), hpa is null ? null : HpaMapper.ToObserved(hpa), pods,
                queueDepth?.GetValueOrDefault(managed.Workload) ?? [], demand?.GetValueOrDefault(managed.Workload), uid));
        }

        var placeholders = snapshot.Placeholders
            .OrderBy(p => p.Metadata.NamespaceProperty, StringComparer.Ordinal).ThenBy(p => p.Metadata.Name, StringComparer.Ordinal)
            .Select(p => PodMapper.ToPlaceholder(p, config.Budget))
            .ToList();
        var unreadable = config.Workloads
            .Where(w => !w.Workload.Kind.IsWatched && snapshot.Unreadable.ContainsKey(w.Workload) && !workloads.Any(o => o.Ref == w.Workload))
            .Select(w => new UnreadableTarget(w.Workload, snapshot.Unreadable[w.Workload]))
            .ToList();
        var nodes = snapshot.Nodes?.Select(n => NodeMapper.ToObserved(n, config.Budget.GpuResources)).OrderBy(n => n.Name, StringComparer.Ordinal).ToList();
        return new ObservedCluster(workloads, placeholders, unreadable, nodes);
    }

    // A scheduled pod's condition no longer says since when it was unschedulable: the watch remembered it.
    private static ObservedPod Remembered(ObservedPod observed, V1Pod pod, ClusterSnapshot snapshot) =>
        observed is { UnschedulableSince: null, Scheduled: not null } && pod.Metadata.Uid is { } uid
            && snapshot.UnschedulableByUid is { } remembered && remembered.TryGetValue(uid, out var since)
            ? observed with { UnschedulableSince = since }
            : observed;

    /// <summary>The pod watch scope (namespace + selector) of every managed workload found in the caches.</summary>
    public static IReadOnlyCollection<WatchScope> PodScopes(ControllerConfig config, ClusterSnapshot snapshot) =>
        Selectors(config, snapshot).Select(p => new WatchScope(p.Key.Namespace, p.Value)).ToHashSet();

    /// <summary>The pod selector (string form) of every managed workload found in the caches.</summary>
    public static IReadOnlyDictionary<WorkloadRef, string> Selectors(ControllerConfig config, ClusterSnapshot snapshot)
    {
        var selectors = new Dictionary<WorkloadRef, string>();
        foreach (var workload in config.Workloads)
        {
            if (Workload(workload.Workload, snapshot) is var (_, _, text, _))
            {
                selectors.TryAdd(workload.Workload, text);
            }
        }

        return selectors;
    }

    public static bool IsPlaceholder(V1Pod pod) =>
        pod.Metadata.Labels?.TryGetValue(Decide.WarmPool.PlaceholderLabels.Placeholder, out var value) == true && value == "true";

    // A missing or empty selector would select every pod, which no workload means: such a workload is not observed.
    private static (int Replicas, V1PodTemplateSpec? Template, string Selector, string? Uid)? Workload(WorkloadRef workload, ClusterSnapshot snapshot)
    {
        bool Is(V1ObjectMeta meta) => meta.NamespaceProperty == workload.Namespace && meta.Name == workload.Name;
        (int, V1PodTemplateSpec?, V1LabelSelector?, string?)? found = workload.Kind switch
        {
            { IsWatched: false } => null,
            { Kind: "Deployment" } => snapshot.Deployments.FirstOrDefault(d => Is(d.Metadata)) is { Spec: { } spec } d
                ? (spec.Replicas ?? 1, spec.Template, spec.Selector, d.Metadata.Uid) : null,
            _ => snapshot.StatefulSets.FirstOrDefault(s => Is(s.Metadata)) is { Spec: { } spec } s
                ? (spec.Replicas ?? 1, spec.Template, spec.Selector, s.Metadata.Uid) : null,
        };
        if (found is var (replicas, template, selector, uid))
        {
            return LabelSelector.From(selector) is { IsEmpty: false } parsed ? (replicas, template, parsed.ToString(), uid) : null;
        }

        return !workload.Kind.IsWatched && snapshot.Targets.TryGetValue(workload, out var target) && target.Selector.Length > 0
            ? (target.Replicas, target.Template, target.Selector, target.Uid)
            : null;
    }
}
