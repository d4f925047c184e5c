using Autoscale.ScaleController.Config;

namespace Autoscale.ScaleController.Decide.Observed;

/// <summary>A managed workload as observed: its scale, pod template, HPA (if any), pods, queue depth and demand.</summary>
/// <param name="QueueDepth">Total queued requests over time (e.g. vllm:num_requests_waiting summed), oldest first.</param>
/// <param name="Demand">This round's demand for the planner; null when the adapter serves none (or the planner is off).</param>
/// <param name="Uid">The scale target's metadata.uid, for ownerReferences of what the warm pool creates; null when unknown.</param>
public sealed record ObservedWorkload(
    WorkloadRef Ref,
    int Replicas,
    PodTemplate Template,
    ObservedHpa? Hpa,
    IReadOnlyList<ObservedPod> Pods,
    IReadOnlyList<MetricSample> QueueDepth,
    WorkloadDemand? Demand = null,
    string? Uid = null);
