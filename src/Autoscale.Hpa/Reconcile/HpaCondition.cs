using Autoscale.Hpa.Pods;

namespace Autoscale.Hpa.Reconcile;

/// <summary>
/// One HPA status condition; reasons and messages are upstream's. <paramref name="LastTransitionTime"/> is set by
/// the reconcile (it changes only when the status flips); conditions built by the pure normalisation steps leave it
/// null.
/// </summary>
public sealed record HpaCondition(
    HpaConditionType Type, ConditionStatus Status, string Reason, string Message, DateTimeOffset? LastTransitionTime = null);
