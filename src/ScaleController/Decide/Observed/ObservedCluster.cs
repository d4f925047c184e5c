namespace Autoscale.ScaleController.Decide.Observed;

/// <summary>
/// Everything Decide reads about the cluster. Node inventory is deliberately absent: the cluster autoscaler owns
/// nodes, and placeholders account for the GPUs they hold themselves. A configured workload is either observed
/// (<see cref="Workloads"/>), unreadable (<see cref="Unreadable"/>: its placeholders are held) or neither (gone:
/// its placeholders are collected).
/// </summary>
internal sealed record ObservedCluster(
    IReadOnlyList<ObservedWorkload> Workloads,
    IReadOnlyList<ObservedPlaceholder> Placeholders,
    IReadOnlyList<UnreadableTarget>? UnreadableTargets = null)
{
    public static ObservedCluster Empty { get; } = new([], []);

    public IReadOnlyList<UnreadableTarget> Unreadable => UnreadableTargets ?? [];
}
