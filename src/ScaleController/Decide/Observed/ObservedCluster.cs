namespace Autoscale.ScaleController.Decide.Observed;

/// <summary>
/// Everything Decide reads about the cluster. Node inventory is deliberately absent: the cluster autoscaler owns
/// nodes, and placeholders account for the GPUs they hold themselves.
/// </summary>
internal sealed record ObservedCluster(IReadOnlyList<ObservedWorkload> Workloads, IReadOnlyList<ObservedPlaceholder> Placeholders)
{
    public static ObservedCluster Empty { get; } = new([], []);
}
