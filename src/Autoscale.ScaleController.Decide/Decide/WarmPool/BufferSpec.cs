using Autoscale.ScaleController.Config;

namespace Autoscale.ScaleController.Decide.WarmPool;

/// <summary>
/// Everything Act needs to server-side apply a workload's CapacityBuffer and the PodTemplate it references (both
/// named <see cref="Name"/>): <see cref="Chunk"/> is one chunk's pod, built as a placeholder pod is, and
/// <see cref="Replicas"/> the pool size granted this round. <see cref="OwnerUid"/> (null when unknown) makes both
/// dependents of the scale target, so the garbage collector removes them with it.
/// </summary>
public sealed record BufferSpec(
    string Namespace,
    string Name,
    WorkloadRef Owner,
    string? OwnerUid,
    string ApiVersion,
    int Replicas,
    string? ProvisioningStrategy,
    IReadOnlyDictionary<string, string> Labels,
    IReadOnlyDictionary<string, string> Annotations,
    PlaceholderSpec Chunk)
{
    public int Gpus => Chunk.Gpus;

    public string TemplateHash => Chunk.TemplateHash;
}
