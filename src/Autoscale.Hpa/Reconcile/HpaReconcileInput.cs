using Autoscale.Hpa.Metrics;
using Autoscale.Hpa.Pods;
using Autoscale.Hpa.Spec;

namespace Autoscale.Hpa.Reconcile;

/// <summary>
/// Everything one reconcile reads. <paramref name="Pods"/> are the pods the scale selector selects; the caller
/// lists them (this library never evaluates selectors).
/// </summary>
public sealed record HpaReconcileInput(
    HpaSpec Spec,
    ScaleInfo Scale,
    IReadOnlyList<HpaPod> Pods,
    HpaMetricsSnapshot Metrics,
    HpaControllerState State,
    DateTimeOffset Now);
