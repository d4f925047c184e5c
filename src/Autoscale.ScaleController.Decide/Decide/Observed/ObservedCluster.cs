namespace Autoscale.ScaleController.Decide.Observed;

/// <summary>
/// Everything Decide reads about the cluster. A configured workload is either observed
/// (<see cref="Workloads"/>), unreadable (<see cref="Unreadable"/>: its placeholders are held) or neither (gone:
/// its placeholders are collected). <see cref="NodeList"/> is null when nodes are not observed (the simulator):
/// cold starts are then not split and placeholders are not told warm from warming. <see cref="CapacityBuffers"/> is
/// null while the CapacityBuffer API is not served (or not looked for: no workload wants it): warm pools are then
/// placeholder pods.
/// </summary>
public sealed record ObservedCluster(
    IReadOnlyList<ObservedWorkload> Workloads,
    IReadOnlyList<ObservedPlaceholder> Placeholders,
    IReadOnlyList<UnreadableTarget>? UnreadableTargets = null,
    IReadOnlyList<ObservedNode>? NodeList = null,
    CapacityBufferApi? CapacityBuffers = null)
{
    public static ObservedCluster Empty { get; } = new([], []);

    public IReadOnlyList<UnreadableTarget> Unreadable => UnreadableTargets ?? [];

    /// <summary>Nodes by name (built on each call); null when nodes are not observed.</summary>
    public IReadOnlyDictionary<string, ObservedNode>? NodesByName() =>
        NodeList?.GroupBy(n => n.Name, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.First(), StringComparer.Ordinal);
}
