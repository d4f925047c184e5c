namespace Autoscale.Hpa.Reconcile;

/// <summary>
/// Outcome of one reconcile. <paramref name="DesiredReplicas"/> equals current replicas when
/// <paramref name="Rescale"/> is false (as status.desiredReplicas upstream). <paramref name="NewState"/> assumes the
/// scale update succeeds; if the caller's update fails it must keep <paramref name="StateIfRescaleFails"/>, which
/// lacks the scale event. <paramref name="Error"/> is set when metrics failed (the HPA may still scale up).
/// </summary>
public sealed record HpaReconcileResult(
    int DesiredReplicas,
    bool Rescale,
    string RescaleReason,
    IReadOnlyList<HpaCondition> Conditions,
    IReadOnlyList<MetricProposal> Metrics,
    HpaControllerState NewState,
    HpaControllerState StateIfRescaleFails,
    string? Error);
