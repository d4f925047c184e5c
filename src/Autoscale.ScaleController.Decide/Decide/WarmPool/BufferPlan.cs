using Autoscale.ScaleController.Config;
using Autoscale.ScaleController.Decide.Decisions;
using Autoscale.ScaleController.Decide.Observed;

namespace Autoscale.ScaleController.Decide.WarmPool;

/// <summary>
/// The buffer side of a round, and what it leaves to <see cref="PlaceholderPlanner"/>: the workloads still on
/// placeholders (including those switching to a buffer that is not provisioning yet), the GPU budget the buffers did
/// not take, and the placeholders not already being deleted here.
/// </summary>
internal sealed record BufferPlan(
    IReadOnlyList<Decision> Decisions,
    IReadOnlyList<PoolStatus> Pools,
    ControllerConfig PlaceholderConfig,
    ObservedCluster PlaceholderCluster);
