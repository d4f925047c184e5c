namespace Autoscale.Hpa.Reconcile;

/// <summary>
/// Outcome of one reconcile. <paramref name="DesiredReplicas"/> is what /scale should be set to, equal to current
/// replicas when <paramref name="Rescale"/> is false. <paramref name="NewState"/> assumes the scale update succeeds;
/// if the caller's update fails it must use <see cref="HpaAutoscaler.RescaleFailed"/> (which keeps
/// <paramref name="StateIfRescaleFails"/>, lacking the scale event). <paramref name="Error"/> is set when metrics
/// failed (the HPA may still scale up). <paramref name="Status"/> is the status to write, and only when
/// <paramref name="StatusChanged"/> (upstream's updateStatusIfNeeded). <paramref name="Events"/> are the Kubernetes
/// Events upstream would record, in order; the labels are what upstream reports to its monitor.
/// </summary>
public sealed record HpaReconcileResult(
    int DesiredReplicas,
    bool Rescale,
    string RescaleReason,
    IReadOnlyList<HpaCondition> Conditions,
    IReadOnlyList<MetricProposal> Metrics,
    HpaControllerState NewState,
    HpaControllerState StateIfRescaleFails,
    string? Error,
    HpaStatus Status,
    bool StatusChanged,
    MonitorActionLabel ActionLabel,
    MonitorErrorLabel ErrorLabel,
    IReadOnlyList<MetricComputation> MetricComputations,
    IReadOnlyList<KubernetesEvent> Events);
