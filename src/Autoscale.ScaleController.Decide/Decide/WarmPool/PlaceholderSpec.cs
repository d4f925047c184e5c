using Autoscale.ScaleController.Config;
using Autoscale.ScaleController.Decide.Observed;

namespace Autoscale.ScaleController.Decide.WarmPool;

/// <summary>
/// Everything Act needs to create a placeholder pod: priority class <see cref="PlaceholderLabels.PriorityClassName"/>
/// (value -10), the workload's requests, node selector, tolerations and affinity, and either the workload's image
/// with <see cref="Command"/> (a sleep, so the image is pulled onto the node) or the pause image (null command).
/// </summary>
public sealed record PlaceholderSpec(
    string Namespace,
    string Name,
    WorkloadRef Owner,
    IReadOnlyDictionary<string, string> Labels,
    IReadOnlyDictionary<string, string> Annotations,
    string PriorityClassName,
    string Image,
    IReadOnlyList<string>? Command,
    IReadOnlyDictionary<string, string> Requests,
    IReadOnlyDictionary<string, string> NodeSelector,
    IReadOnlyList<Toleration> Tolerations,
    string? AffinityJson,
    IReadOnlyList<string> ImagePullSecrets,
    int Gpus,
    string TemplateHash)
{
    /// <summary>Preempted placeholders should free the GPU at once.</summary>
    public const int TerminationGracePeriodSeconds = 0;
}
