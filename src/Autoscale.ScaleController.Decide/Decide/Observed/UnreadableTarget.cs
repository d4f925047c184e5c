using Autoscale.ScaleController.Config;

namespace Autoscale.ScaleController.Decide.Observed;

/// <summary>
/// A configured workload whose scale target exists as far as anyone knows but cannot be read this round (403 on its
/// /scale, a kind API discovery does not serve, no /scale, no selector yet, or errors past the grace period).
/// Unlike a target that is gone (404, or absent from the watch cache), its placeholders are held, not collected.
/// </summary>
public sealed record UnreadableTarget(WorkloadRef Workload, string Why);
