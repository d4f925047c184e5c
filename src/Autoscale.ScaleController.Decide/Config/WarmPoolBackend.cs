namespace Autoscale.ScaleController.Config;

/// <summary>
/// How a workload's warm pool holds capacity: placeholder pods of our own, a cluster-autoscaler
/// <c>CapacityBuffer</c> (autoscaling.x-k8s.io) that the autoscaler keeps as nodes, or <see cref="Auto"/>: the buffer
/// when API discovery shows the group served, else placeholders.
/// </summary>
public enum WarmPoolBackend
{
    Placeholders,
    CapacityBuffer,
    Auto,
}
