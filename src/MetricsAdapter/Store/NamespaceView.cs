using System.Collections.Frozen;
using Autoscale.Kubernetes;

namespace Autoscale.MetricsAdapter.Store;

/// <summary>One namespace of a snapshot: pods sorted by name, and workloads by resource and name.</summary>
internal sealed class NamespaceView
{
    public NamespaceView(string name, PodView[] pods, IEnumerable<WorkloadInfo> workloads)
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
    }

    public string Name { get; }

    public PodView[] Pods { get; }

    public FrozenDictionary<string, PodView> PodsByName { get; }

    /// <summary>The Namespace object itself, for namespace metrics.</summary>
    public ObjectReference Reference { get; }

    public FrozenDictionary<GroupResource, WorkloadView[]> Workloads { get; }

    public WorkloadView[] WorkloadsOf(GroupResource resource) =>
        Workloads.TryGetValue(resource, out var views) ? views : [];
}
