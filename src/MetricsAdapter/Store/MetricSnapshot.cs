using System.Collections.Frozen;

namespace Autoscale.MetricsAdapter.Store;

/// <summary>
/// The immutable view that requests read: namespaces → pods and workloads. Swapped whole when the inventory changes;
/// metric values live in each pod's <see cref="PodSlot"/>.
/// </summary>
internal sealed class MetricSnapshot(FrozenDictionary<string, NamespaceView> namespaces)
{
    public static MetricSnapshot Empty { get; } = new(FrozenDictionary<string, NamespaceView>.Empty);

    public FrozenDictionary<string, NamespaceView> Namespaces { get; } = namespaces;

    public NamespaceView? Namespace(string name) => Namespaces.GetValueOrDefault(name);
}
