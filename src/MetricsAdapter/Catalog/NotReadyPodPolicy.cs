namespace Autoscale.MetricsAdapter.Catalog;

/// <summary>What pod metrics say about pods that are not capacity (Pending, not Ready, terminating, asleep).</summary>
internal enum NotReadyPodPolicy
{
    /// <summary>Leave them out: the HPA counts them as missing (0 on scale-up, at target on scale-down). The default.</summary>
    Omit,

    /// <summary>Report the target of the HPA that selects them, so they count as exactly at target both ways.</summary>
    AtTarget,

    /// <summary>Serve whatever they report, like any other pod.</summary>
    Serve,
}
