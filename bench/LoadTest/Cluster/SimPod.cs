using Autoscale.LoadTest.Replicas;

namespace Autoscale.LoadTest.Cluster;

/// <summary>
/// A vLLM replica pod or a placeholder (pause pod at low priority that keeps a warm GPU node). <see cref="Version"/>
/// invalidates scheduled stage events when the pod is evicted or deleted meanwhile.
/// </summary>
internal sealed class SimPod(int id, bool isPlaceholder, double createdAt, string? name = null)
{
    public int Id { get; } = id;

    public string Name { get; } = name ?? (isPlaceholder ? "placeholder-" + id.ToString(System.Globalization.CultureInfo.InvariantCulture) : ReplicaName(id));

    public bool IsPlaceholder { get; } = isPlaceholder;

    public double CreatedAt { get; set; } = createdAt;

    public PodStage Stage { get; set; } = PodStage.Pending;

    public SimNode? Node { get; set; }

    public double? StartTime { get; set; }

    /// <summary>When the scheduler first found no node for it (PodScheduled=False, Unschedulable).</summary>
    public double? UnschedulableSince { get; set; }

    /// <summary>When its containers started (image present): model loading begins.</summary>
    public double? ContainersStartedAt { get; set; }

    /// <summary>Placeholders only: the template-hash label it was created with, and whether it runs the vLLM image.</summary>
    public string TemplateHash { get; init; } = "";

    public bool PullsImage { get; init; } = true;

    public double? ReadyAt { get; set; }

    public double? TerminateBy { get; set; }

    public int Version { get; set; }

    public IReplicaEngine? Engine { get; set; }

    /// <summary>Whether this start needed a new node (cold) rather than a warm or empty one.</summary>
    public bool NeededNewNode { get; set; }

    public bool IsServing => Stage == PodStage.Ready && Engine is not null;

    public static string ReplicaName(int id) => "vllm-" + id.ToString(System.Globalization.CultureInfo.InvariantCulture);
}
