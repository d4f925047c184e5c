using System.Collections.Frozen;
using Autoscale.Kubernetes;

namespace Autoscale.MetricsAdapter.Store;

/// <summary>One namespace of a snapshot: pods sorted by name, workloads by resource and name, and object values.</summary>
internal sealed class NamespaceView
{
    public NamespaceView(string name, PodView[] pods, IEnumerable<WorkloadInfo> workloads, IEnumerable<ObjectValue>? objectValues = null)
    {
        Name = name;
        Pods = pods;
        PodsByName = pods.ToFrozenDictionary(p => p.Info.Name, StringComparer.Ordinal);
        Reference = ObjectReference.For(GroupResource.Namespaces, "", name);
        Workloads = workloads
            .GroupBy(w => w.Resource)
            .ToFrozenDictionary(
                g => g.Key,
                g => g.OrderBy(w => w.Name, StringComparer.Ordinal)
                      .Select(w => new WorkloadView(w, [.. pods.Where(p => w.PodSelector.Matches(p.Info.Labels))]))
                      .ToArray());
        ObjectValues = (objectValues ?? []).ToFrozenDictionary(v => (v.Resource, v.Object.Name, v.Metric));
    }

    public string Name { get; }

    public PodView[] Pods { get; }

    public FrozenDictionary<string, PodView> PodsByName { get; }

    /// <summary>The Namespace object itself, for namespace metrics.</summary>
    public ObjectReference Reference { get; }

    public FrozenDictionary<GroupResource, WorkloadView[]> Workloads { get; }

    /// <summary>Values objects carry themselves, by resource, object name and metric.</summary>
    public FrozenDictionary<(GroupResource Resource, string Name, string Metric), ObjectValue> ObjectValues { get; }

    public ObjectValue? ObjectValueOf(GroupResource resource, string name, string metric) =>
        ObjectValues.GetValueOrDefault((resource, name, metric));

    public WorkloadView[] WorkloadsOf(GroupResource resource) =>
        Workloads.TryGetValue(resource, out var views) ? views : [];
}
