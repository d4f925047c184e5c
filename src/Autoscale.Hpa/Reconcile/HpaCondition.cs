using Autoscale.Hpa.Pods;

namespace Autoscale.Hpa.Reconcile;

/// <summary>One HPA status condition; reasons and messages are upstream's strings.</summary>
public sealed record HpaCondition(HpaConditionType Type, ConditionStatus Status, string Reason, string Message);
