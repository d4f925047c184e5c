using Autoscale.Kubernetes;
using Autoscale.MetricsAdapter.Store;
using k8s.Models;

namespace Autoscale.MetricsAdapter.Sources.Targets;

/// <summary>
/// Keeps the <see cref="MetricStore"/> inventory equal to the caches: the first call replaces it whole, later calls
/// apply only what differs from the last call (so the store republishes only touched namespaces). Diffing whole
/// snapshots on one loop, instead of applying reflector events from several threads, keeps the store race-free, and
/// a relist's vanished objects simply drop out of the next snapshot.
/// </summary>
internal sealed class InventoryApplier(MetricStore store, Func<ObjectKey, bool>? asleep = null)
{
    private Dictionary<ObjectKey, PodInfo> _pods = [];
    private Dictionary<(GroupResource, ObjectKey), WorkloadInfo> _workloads = [];
    private bool _initialized;

    public int PodCount => _pods.Count;

    public int WorkloadCount => _workloads.Count;

    public void Apply(TargetWatchView view)
    {
        var nextPods = new Dictionary<ObjectKey, PodInfo>();
        var targets = HpaTargets.Of(view);
        foreach (var pod in view.Pods)
        {
            if (!PodStates.IsFinished(pod))
            {
                var key = new ObjectKey(pod.Metadata.NamespaceProperty, pod.Metadata.Name);
                var labels = Selectors.Labels(pod.Metadata);
                nextPods[key] = new PodInfo(key.Namespace, key.Name, labels, PodStates.Of(pod, asleep?.Invoke(key) == true), HpaTargets.For(targets, key.Namespace, labels));
            }
        }

        var nextWorkloads = new Dictionary<(GroupResource, ObjectKey), WorkloadInfo>();
        Add(nextWorkloads, GroupResource.Deployments, view.Deployments, d => LabelSelector.From(d.Spec?.Selector));
        Add(nextWorkloads, GroupResource.StatefulSets, view.StatefulSets, s => LabelSelector.From(s.Spec?.Selector));
        Add(nextWorkloads, GroupResource.Services, view.Services, s => Selectors.From(s.Spec?.Selector));

        if (!_initialized)
        {
            store.ReplaceInventory(nextPods.Values, nextWorkloads.Values);
            _initialized = true;
        }
        else
        {
            ApplyDelta(nextPods, nextWorkloads);
        }

        // Recomputed whole each time; the store republishes only namespaces whose values changed.
        store.ReplaceObjectValues(DesiredReplicas.Of(view.Hpas));

        _pods = nextPods;
        _workloads = nextWorkloads;
    }

    private void ApplyDelta(Dictionary<ObjectKey, PodInfo> nextPods, Dictionary<(GroupResource, ObjectKey), WorkloadInfo> nextWorkloads)
    {
        foreach (var key in _pods.Keys.Where(k => !nextPods.ContainsKey(k)))
        {
            store.RemovePod(key);
        }

        foreach (var (key, pod) in nextPods)
        {
            if (!_pods.TryGetValue(key, out var before) || before.State != pod.State || !SameLabels(before.Labels, pod.Labels) || !SameTargets(before.Targets, pod.Targets))
            {
                store.UpsertPod(pod);
            }
        }

        foreach (var (resource, key) in _workloads.Keys.Where(k => !nextWorkloads.ContainsKey(k)))
        {
            store.RemoveWorkload(resource, key);
        }

        foreach (var (key, workload) in nextWorkloads)
        {
            if (!_workloads.TryGetValue(key, out var before) || !SameLabels(before.Labels, workload.Labels)
                || before.PodSelector.ToString() != workload.PodSelector.ToString())
            {
                store.UpsertWorkload(workload);
            }
        }
    }

    private static void Add<T>(Dictionary<(GroupResource, ObjectKey), WorkloadInfo> into, GroupResource resource, IEnumerable<T> items, Func<T, LabelSelector?> selector)
        where T : k8s.IKubernetesObject<V1ObjectMeta>
    {
        foreach (var item in items)
        {
            // Without a usable selector a workload has no pods to aggregate: leave it out rather than guess.
            if (selector(item) is { } podSelector)
            {
                var key = new ObjectKey(item.Metadata.NamespaceProperty, item.Metadata.Name);
                into[(resource, key)] = new WorkloadInfo(resource, key.Namespace, key.Name, Selectors.Labels(item.Metadata), podSelector);
            }
        }
    }

    private static bool SameLabels(IReadOnlyDictionary<string, string> a, IReadOnlyDictionary<string, string> b) =>
        a.Count == b.Count && a.All(p => b.TryGetValue(p.Key, out var v) && v == p.Value);

    private static bool SameTargets(IReadOnlyDictionary<string, double>? a, IReadOnlyDictionary<string, double>? b) =>
        (a?.Count ?? 0) == (b?.Count ?? 0) && (a is null || a.All(kv => b!.TryGetValue(kv.Key, out var v) && v == kv.Value));
}
