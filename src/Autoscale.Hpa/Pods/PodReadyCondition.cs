namespace Autoscale.Hpa.Pods;

/// <summary>The pod's <c>Ready</c> condition: the only condition the algorithm reads.</summary>
public sealed record PodReadyCondition(ConditionStatus Status, DateTimeOffset LastTransitionTime);
