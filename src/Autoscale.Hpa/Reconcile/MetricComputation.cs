using Autoscale.Hpa.Spec;

namespace Autoscale.Hpa.Reconcile;

/// <summary>
/// What upstream reports through ObserveMetricComputationResult for one metric: the direction its proposal points
/// relative to spec replicas, and whether it failed because of the spec or at run time.
/// </summary>
public sealed record MetricComputation(MetricSourceType Type, MonitorActionLabel Action, MonitorErrorLabel Error);
