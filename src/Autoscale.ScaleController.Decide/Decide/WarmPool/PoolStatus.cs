using Autoscale.ScaleController.Config;

namespace Autoscale.ScaleController.Decide.WarmPool;

/// <summary>
/// A workload's pool after this decision: wanted by policy, granted by the budgets, and kept + created.
/// Reported so that a pool held short by the GPU budget is visible (logs, metrics, the simulator).
/// <paramref name="Warmth"/> (null when nodes are not observed) says how many of the placeholders there were at
/// the start of the round are warm: what shows whether the cluster autoscaler delivered their nodes.
/// <paramref name="Backend"/> says what holds the pool: placeholder pods, or a CapacityBuffer (Kept: the chunks its
/// replicas already asked for, Created: the chunks added this round; Warmth: chunks that fit free GPUs of Ready nodes).
/// </summary>
public sealed record PoolStatus(
    WorkloadRef Workload, int Wanted, int Granted, int Kept, int Created, string Why, PoolWarmth? Warmth = null,
    WarmPoolBackend Backend = WarmPoolBackend.Placeholders);
