using Autoscale.ScaleController.Config;

namespace Autoscale.ScaleController.Decide.Observed;

/// <summary>
/// A CapacityBuffer labelled managed by this controller. <paramref name="Owner"/> is null when its owner annotation
/// is missing or unreadable: such a buffer is garbage. <paramref name="Replicas"/> is <c>spec.replicas</c> (what we
/// asked for), <paramref name="StatusReplicas"/> <c>status.replicas</c> (the chunks the autoscaler provisions);
/// <paramref name="Gpus"/> per chunk is read from our own annotation, so a held buffer is budgeted without its template.
/// </summary>
public sealed record ObservedCapacityBuffer(
    string Namespace,
    string Name,
    WorkloadRef? Owner,
    int Replicas,
    string? TemplateHash,
    int Gpus,
    string? ProvisioningStrategy,
    int? StatusReplicas,
    IReadOnlyList<BufferCondition> Conditions,
    DateTimeOffset Created,
    bool Terminating = false,
    string? Uid = null)
{
    public BufferCondition? Condition(string type) => Conditions.FirstOrDefault(c => c.Type == type);
}
