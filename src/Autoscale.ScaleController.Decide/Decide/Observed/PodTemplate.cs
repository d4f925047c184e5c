namespace Autoscale.ScaleController.Decide.Observed;

/// <summary>
/// The parts of the workload's pod template a placeholder copies so it lands on the same kind of node.
/// Affinity is opaque JSON: Decide never interprets it, Act writes it back as it was read.
/// </summary>
/// <param name="Requests">Summed container requests, resource name → Kubernetes quantity.</param>
public sealed record PodTemplate(
    string Image,
    IReadOnlyDictionary<string, string> Requests,
    IReadOnlyDictionary<string, string> NodeSelector,
    IReadOnlyList<Toleration> Tolerations,
    string? AffinityJson = null,
    IReadOnlyList<string>? ImagePullSecrets = null);
