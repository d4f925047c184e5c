using Autoscale.LoadTest.Replicas;

namespace Autoscale.LoadTest.Cluster;

/// <summary>
/// A vLLM replica pod or a placeholder (pause pod at low priority that keeps a warm GPU node). <see cref="Version"/>
/// invalidates scheduled stage events when the pod is evicted or deleted meanwhile.
/// </summary>
internal sealed class SimPod(int id, bool isPlaceholder, double createdAt)
{
    public int Id { get; } = id;

    public string Name { get; } = (isPlaceholder ? "placeholder-" : "vllm-") + id.ToString(System.Globalization.CultureInfo.InvariantCulture);

    public bool IsPlaceholder { get; } = isPlaceholder;

    public double CreatedAt { get; set; } = createdAt;

    public PodStage Stage { get; set; } = PodStage.Pending;

    public SimNode? Node { get; set; }

    public double? StartTime { get; set; }

    public double? ReadyAt { get; set; }

    public double? TerminateBy { get; set; }

    public int Version { get; set; }

    public IReplicaEngine? Engine { get; set; }

    /// <summary>Whether this start needed a new node (cold) rather than a warm or empty one.</summary>
    public bool NeededNewNode { get; set; }

    public bool IsServing => Stage == PodStage.Ready && Engine is not null;
}
