using Autoscale.Kubernetes;

namespace Autoscale.MetricsAdapter.Store;

/// <summary>A pod as readers see it: its info, a prebuilt <c>describedObject</c> (no allocation per reply) and its slot.</summary>
internal sealed class PodView(PodInfo info, PodSlot slot)
{
    public PodInfo Info { get; } = info;

    public ObjectReference Reference { get; } = ObjectReference.For(GroupResource.Pods, info.Namespace, info.Name);

    public PodSlot Slot { get; } = slot;
}
