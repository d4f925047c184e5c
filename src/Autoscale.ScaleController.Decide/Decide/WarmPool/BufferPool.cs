using Autoscale.ScaleController.Config;
using Autoscale.ScaleController.Decide.Observed;

namespace Autoscale.ScaleController.Decide.WarmPool;

/// <summary>
/// A configured workload whose warm pool is a CapacityBuffer this round: observed (<paramref name="Workload"/> set)
/// or held (scale target unreadable, its buffer kept as it is). <paramref name="Buffer"/> is its buffer as observed,
/// if any; <paramref name="Switching"/>: its placeholders still stand in while the buffer is not provisioning.
/// </summary>
internal sealed record BufferPool(WorkloadConfig Config, ObservedWorkload? Workload, ObservedCapacityBuffer? Buffer, PoolTarget Target, bool Switching);
