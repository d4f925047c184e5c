using System.Globalization;
using Autoscale.ScaleController.Config;
using Autoscale.ScaleController.Decide.Observed;

namespace Autoscale.ScaleController.Decide.WarmPool;

/// <summary>
/// Builds a workload's <see cref="BufferSpec"/>: one buffer and one PodTemplate, both <c>autoscale-warm-{workload}</c>.
/// The chunk is the placeholder pod of the same workload (GPUs, node selector, tolerations, affinity, pull secrets)
/// with three differences: the pause image (no pod runs on a buffer's node, so nothing can pre-pull), no low
/// PriorityClass (the autoscaler's fake pods must not be expendable) and none of the placeholder labels (an
/// implementation that runs real pods from the template must not have them taken for our placeholders).
/// </summary>
public static class BufferFactory
{
    public const string Prefix = "autoscale-warm-";

    /// <summary>GPUs per chunk, on the buffer: a held buffer (scale target unreadable) is budgeted without its template.</summary>
    public const string GpusAnnotation = "autoscale.dev/chunk-gpus";

    public static string Name(WorkloadRef owner) =>
        Prefix + (Prefix.Length + owner.Name.Length <= 253 ? owner.Name : owner.Name[..(253 - Prefix.Length)]);

    /// <summary>The template hash a buffer carries: the placeholder hash, with the pause image whatever prePullImage says.</summary>
    public static string Hash(PodTemplate template, WarmPoolPolicy policy) => TemplateHasher.Hash(template, ChunkPolicy(policy));

    public static BufferSpec Build(ObservedWorkload workload, WarmPoolPolicy policy, string apiVersion, int gpus, int replicas)
    {
        var owner = workload.Ref;
        var chunkPolicy = ChunkPolicy(policy);
        var hash = TemplateHasher.Hash(workload.Template, chunkPolicy);
        var name = Name(owner);
        var labels = new Dictionary<string, string>
        {
            [PlaceholderLabels.ManagedBy] = PlaceholderLabels.ManagedByValue,
            [PlaceholderLabels.Workload] = PlaceholderLabels.LabelSafe(owner.Name),
            [PlaceholderLabels.TemplateHash] = hash,
        };
        var annotations = new Dictionary<string, string>
        {
            [PlaceholderLabels.OwnerAnnotation] = PlaceholderLabels.OwnerValue(owner),
            [GpusAnnotation] = gpus.ToString(CultureInfo.InvariantCulture),
        };
        var chunk = PlaceholderFactory.Build(owner, workload.Template, chunkPolicy, gpus, hash, 0) with
        {
            Name = name,
            Labels = new Dictionary<string, string>
            {
                [PlaceholderLabels.ManagedBy] = PlaceholderLabels.ManagedByValue,
                [PlaceholderLabels.Workload] = PlaceholderLabels.LabelSafe(owner.Name),
            },
            Annotations = new Dictionary<string, string>(),
            PriorityClassName = "",
        };
        return new BufferSpec(owner.Namespace, name, owner, workload.Uid, apiVersion, replicas, policy.ProvisioningStrategy, labels, annotations, chunk);
    }

    private static WarmPoolPolicy ChunkPolicy(WarmPoolPolicy policy) => policy with { PrePullImage = false };
}
