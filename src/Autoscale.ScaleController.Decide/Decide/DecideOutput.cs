using Autoscale.ScaleController.Config;
using Autoscale.ScaleController.Decide.Decisions;
using Autoscale.ScaleController.Decide.History;
using Autoscale.ScaleController.Decide.WarmPool;

namespace Autoscale.ScaleController.Decide;

/// <summary>
/// The decisions in a stable order (per workload in config order: behavior, history, planner, placeholder deletes and
/// creates; then garbage collection), the updated histories and planner states to feed into the next round, and each
/// pool's status.
/// </summary>
public sealed record DecideOutput(
    IReadOnlyList<Decision> Decisions,
    IReadOnlyDictionary<WorkloadRef, ColdStartHistory> History,
    IReadOnlyList<PoolStatus> Pools,
    IReadOnlyDictionary<WorkloadRef, string>? Planner = null);
