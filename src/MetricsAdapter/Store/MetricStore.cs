using System.Collections.Concurrent;
using System.Collections.Frozen;
using Autoscale.Kubernetes;
namespace Autoscale.MetricsAdapter.Store;

/// <summary>
/// The in-memory store between sources and the API. Discovery writes the inventory (pods and workloads), scrapers write
/// samples; readers get an immutable <see cref="MetricSnapshot"/> with one volatile read and never take a lock.
/// Only the namespaces an inventory change touches are rebuilt.
/// </summary>
internal sealed class MetricStore
{
    private readonly Lock _inventoryLock = new();
    private readonly ConcurrentDictionary<ObjectKey, PodSlot> _slots = new();
    private readonly LabelSets _labelSets = new();
    private readonly Dictionary<string, Dictionary<string, PodInfo>> _pods = new(StringComparer.Ordinal);
    private readonly Dictionary<string, Dictionary<(GroupResource, string), WorkloadInfo>> _workloads = new(StringComparer.Ordinal);
    private readonly Dictionary<string, Dictionary<string, ObjectValue[]>> _objectValuesBySource = new(StringComparer.Ordinal);
    private Dictionary<string, ObjectValue[]> _objectValues = new(StringComparer.Ordinal);
    private MetricSnapshot _snapshot = MetricSnapshot.Empty;
    private int _inventorySynced;
    private int _sourcesReported;

    /// <summary>The source name of discovery's object values (the planner's annotation on each HPA).</summary>
    public const string DiscoverySource = "hpa";

    public MetricSnapshot Current => Volatile.Read(ref _snapshot);

    /// <summary>Discovery has listed everything once (its caches are synced).</summary>
    public bool InventorySynced => Volatile.Read(ref _inventorySynced) == 1;

    /// <summary>The sources have finished at least one full cycle.</summary>
    public bool HasData => Volatile.Read(ref _sourcesReported) == 1;

    public void MarkInventorySynced() => Volatile.Write(ref _inventorySynced, 1);

    public void MarkSourcesReported() => Volatile.Write(ref _sourcesReported, 1);

    /// <summary>Replaces the whole inventory (an initial list or a relist).</summary>
    public void ReplaceInventory(IEnumerable<PodInfo> pods, IEnumerable<WorkloadInfo> workloads)
    {
        lock (_inventoryLock)
        {
            var touched = new HashSet<string>(_pods.Keys.Concat(_workloads.Keys), StringComparer.Ordinal);
            _pods.Clear();
            _workloads.Clear();
            foreach (var pod in pods)
            {
                PodsOf(pod.Namespace)[pod.Name] = pod;
                touched.Add(pod.Namespace);
            }

            foreach (var workload in workloads)
            {
                WorkloadsOf(workload.Namespace)[(workload.Resource, workload.Name)] = workload;
                touched.Add(workload.Namespace);
            }

            foreach (var key in _slots.Keys)
            {
                if (!_pods.TryGetValue(key.Namespace, out var inNs) || !inNs.ContainsKey(key.Name))
                {
                    _slots.TryRemove(key, out _);
                }
            }

            Republish(touched);
        }
    }

    public void UpsertPod(PodInfo pod)
    {
        lock (_inventoryLock)
        {
            PodsOf(pod.Namespace)[pod.Name] = pod;
            Republish([pod.Namespace]);
        }
    }

    public void RemovePod(ObjectKey key)
    {
        lock (_inventoryLock)
        {
            if (_pods.TryGetValue(key.Namespace, out var inNs))
            {
                inNs.Remove(key.Name);
            }

            _slots.TryRemove(key, out _);
            Republish([key.Namespace]);
        }
    }

    public void UpsertWorkload(WorkloadInfo workload)
    {
        lock (_inventoryLock)
        {
            WorkloadsOf(workload.Namespace)[(workload.Resource, workload.Name)] = workload;
            Republish([workload.Namespace]);
        }
    }

    public void RemoveWorkload(GroupResource resource, ObjectKey key)
    {
        lock (_inventoryLock)
        {
            if (_workloads.TryGetValue(key.Namespace, out var inNs))
            {
                inNs.Remove((resource, key.Name));
            }

            Republish([key.Namespace]);
        }
    }

    /// <summary>
    /// Replaces every object value of discovery (it recomputes them all from its caches); only namespaces whose values
    /// changed are republished.
    /// </summary>
    public void ReplaceObjectValues(IEnumerable<ObjectValue> values) => ReplaceObjectValues(DiscoverySource, values);

    /// <summary>
    /// Replaces every object value one source publishes (discovery's HPA annotations, the routers' demand); other
    /// sources' values are untouched. Two sources never publish the same metric for the same object. Only namespaces
    /// whose values changed are republished.
    /// </summary>
    public void ReplaceObjectValues(string source, IEnumerable<ObjectValue> values)
    {
        lock (_inventoryLock)
        {
            _objectValuesBySource[source] = values.GroupBy(v => v.Object.Namespace, StringComparer.Ordinal)
                .ToDictionary(g => g.Key, g => g.ToArray(), StringComparer.Ordinal);
            var next = new Dictionary<string, ObjectValue[]>(StringComparer.Ordinal);
            foreach (var ns in _objectValuesBySource.Values.SelectMany(bySource => bySource.Keys).Distinct(StringComparer.Ordinal))
            {
                next[ns] = [.. _objectValuesBySource.Values
                    .SelectMany(bySource => bySource.GetValueOrDefault(ns) ?? [])
                    .OrderBy(v => v.Resource.ToString(), StringComparer.Ordinal)
                    .ThenBy(v => v.Object.Name, StringComparer.Ordinal).ThenBy(v => v.Metric, StringComparer.Ordinal)];
            }

            var touched = new List<string>();
            foreach (var ns in next.Keys.Union(_objectValues.Keys, StringComparer.Ordinal))
            {
                var before = _objectValues.GetValueOrDefault(ns) ?? [];
                var after = next.GetValueOrDefault(ns) ?? [];
                if (!before.SequenceEqual(after))
                {
                    touched.Add(ns);
                }
            }

            _objectValues = next;
            if (touched.Count > 0)
            {
                Republish(touched);
            }
        }
    }

    /// <summary>
    /// Records one scrape of a pod by one source: every series' new sample becomes Last and its old Last becomes
    /// Previous. Series this source no longer reports are dropped; other sources' series are untouched. NaN and
    /// infinite samples are not stored (never served as a value). Label values are sanitised so that an HPA's metric
    /// selector can name them (<see cref="MetricLabelValue"/>); series with equal labels share one label set.
    /// </summary>
    public void Record(ObjectKey pod, string source, IReadOnlyList<SeriesSample> samples)
    {
        var slot = _slots.GetOrAdd(pod, static _ => new PodSlot());
        lock (slot)
        {
            var old = slot.Metrics;
            var oldSeries = old.OfSource(source);
            var fresh = new StoredSeries[samples.Count];
            int count = 0;
            foreach (var s in samples)
            {
                if (!double.IsFinite(s.Sample.Value))
                {
                    continue;
                }

                var labels = _labelSets.Get(s.Labels);
                Sample? previous = null;
                foreach (var o in oldSeries)
                {
                    if (string.Equals(o.Metric, s.Metric, StringComparison.Ordinal) && LabelsEqual(o.Labels, labels))
                    {
                        previous = o.Last.Timestamp < s.Sample.Timestamp ? o.Last : o.Previous;
                        break;
                    }
                }

                fresh[count++] = new StoredSeries(s.Metric, labels, s.Sample, previous);
            }

            if (count < fresh.Length)
            {
                Array.Resize(ref fresh, count);
            }

            slot.Set(old.With(source, fresh));
        }
    }

    /// <summary>Forgets one source's samples of a pod (its scrape failed for too long, or it stopped being a target).</summary>
    public void Clear(ObjectKey pod, string source)
    {
        if (_slots.TryGetValue(pod, out var slot))
        {
            lock (slot)
            {
                slot.Set(slot.Metrics.With(source, []));
            }
        }
    }

    private static bool LabelsEqual(IReadOnlyDictionary<string, string> a, IReadOnlyDictionary<string, string> b)
    {
        if (ReferenceEquals(a, b))
        {
            return true;
        }

        if (a.Count != b.Count)
        {
            return false;
        }

        foreach (var (key, value) in a)
        {
            if (!b.TryGetValue(key, out var other) || !string.Equals(value, other, StringComparison.Ordinal))
            {
                return false;
            }
        }

        return true;
    }

    private Dictionary<string, PodInfo> PodsOf(string ns)
    {
        if (!_pods.TryGetValue(ns, out var inNs))
        {
            _pods[ns] = inNs = new Dictionary<string, PodInfo>(StringComparer.Ordinal);
        }

        return inNs;
    }

    private Dictionary<(GroupResource, string), WorkloadInfo> WorkloadsOf(string ns)
    {
        if (!_workloads.TryGetValue(ns, out var inNs))
        {
            _workloads[ns] = inNs = [];
        }

        return inNs;
    }

    private void Republish(IEnumerable<string> touchedNamespaces)
    {
        var namespaces = new Dictionary<string, NamespaceView>(Current.Namespaces, StringComparer.Ordinal);
        foreach (var ns in touchedNamespaces)
        {
            var pods = _pods.GetValueOrDefault(ns);
            var workloads = _workloads.GetValueOrDefault(ns);
            var objectValues = _objectValues.GetValueOrDefault(ns);
            if ((pods is null || pods.Count == 0) && (workloads is null || workloads.Count == 0) && objectValues is null)
            {
                namespaces.Remove(ns);
                continue;
            }

            var views = (pods?.Values ?? Enumerable.Empty<PodInfo>())
                .OrderBy(p => p.Name, StringComparer.Ordinal)
                .Select(p => new PodView(p, _slots.GetOrAdd(p.Key, static _ => new PodSlot())))
                .ToArray();
            namespaces[ns] = new NamespaceView(ns, views, workloads?.Values ?? Enumerable.Empty<WorkloadInfo>(), objectValues);
        }

        Volatile.Write(ref _snapshot, new MetricSnapshot(namespaces.ToFrozenDictionary(StringComparer.Ordinal)));
    }
}
