namespace Autoscale.MetricsAdapter.Catalog;

/// <summary>How values are served.</summary>
/// <param name="StaleAfter">A series whose last sample is older than this is omitted, never served as zero.</param>
/// <param name="NotReadyPods">
/// What pod metrics say about pods that are not capacity. By default they are omitted, so the HPA treats them as
/// missing: 0 on scale-up, at target on scale-down.
/// </param>
internal sealed record ServingPolicy(TimeSpan StaleAfter, NotReadyPodPolicy NotReadyPods = NotReadyPodPolicy.Omit)
{
    /// <summary>The default <see cref="DesiredReplicasMaxAge"/>: four refreshes of the planner (every 30 s).</summary>
    public static readonly TimeSpan DefaultDesiredReplicasMaxAge = TimeSpan.FromSeconds(120);

    /// <summary>
    /// The planner's desired replicas older than this (by its own timestamp) are not served, so that when the planner
    /// stops the HPA's other metrics govern (config <c>serving.desiredReplicasMaxAge</c>).
    /// </summary>
    public TimeSpan DesiredReplicasMaxAge { get; init; } = DefaultDesiredReplicasMaxAge;

    public static ServingPolicy Default { get; } = new(TimeSpan.FromSeconds(6));
}
