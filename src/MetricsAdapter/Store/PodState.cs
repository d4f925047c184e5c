namespace Autoscale.MetricsAdapter.Store;

/// <summary>
/// Whether a pod is serving capacity. vLLM serves /metrics only after its model has loaded, and a pod that is still
/// loading, not Ready, terminating or asleep is not capacity: by default its metrics are omitted so the HPA counts it
/// as a missing pod (zero on scale-up, at target on scale-down).
/// </summary>
internal enum PodState
{
    Ready,
    Pending,
    NotReady,
    Terminating,
    Asleep,
}
