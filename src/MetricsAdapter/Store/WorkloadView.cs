using Autoscale.Kubernetes;

namespace Autoscale.MetricsAdapter.Store;

/// <summary>A Deployment, StatefulSet or Service with the pods its selector picks, resolved when the snapshot was built.</summary>
internal sealed class WorkloadView(WorkloadInfo info, PodView[] pods)
{
    public WorkloadInfo Info { get; } = info;

    public ObjectReference Reference { get; } = ObjectReference.For(info.Resource, info.Namespace, info.Name);

    public PodView[] Pods { get; } = pods;
}
