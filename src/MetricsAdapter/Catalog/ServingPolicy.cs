namespace Autoscale.MetricsAdapter.Catalog;

/// <summary>How values are served.</summary>
/// <param name="StaleAfter">A series whose last sample is older than this is omitted, never served as zero.</param>
/// <param name="NotReadyPods">
/// What pod metrics say about pods that are not capacity. By default they are omitted, so the HPA treats them as
/// missing: 0 on scale-up, at target on scale-down.
/// </param>
internal sealed record ServingPolicy(TimeSpan StaleAfter, NotReadyPodPolicy NotReadyPods = NotReadyPodPolicy.Omit)
{
    public static ServingPolicy Default { get; } = new(TimeSpan.FromSeconds(6));
}
