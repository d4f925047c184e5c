using Autoscale.Hpa.Calculator;
using Autoscale.Hpa.Spec;

namespace Autoscale.Hpa.Reconcile;

/// <summary>
/// One metric's outcome: upstream's metric name (used in the rescale reason) and the calculation, or the
/// ScalingActive=False condition it would set when invalid. <paramref name="SpecError"/> marks a failure caused by
/// the HPA spec itself (unknown source type, no usable target) rather than by fetching metrics.
/// </summary>
public sealed record MetricProposal(MetricSpec Spec, string MetricName, ReplicaCalculation Calculation, HpaCondition? FailureCondition, bool SpecError = false);
