using Autoscale.Hpa.Metrics;
using Autoscale.Hpa.Pods;
using Autoscale.Hpa.Spec;

namespace Autoscale.Hpa.Reconcile;

/// <summary>
/// Everything one reconcile reads. <paramref name="Pods"/> are the pods the scale selector selects; the caller
/// lists them (this library never evaluates selectors). <paramref name="Status"/> is the HPA's status as last
/// written: its conditions are updated in place, its lastScaleTime carried over, and the new status is compared with
/// it to skip needless writes. Null means an HPA with an empty status. <paramref name="SelectingHpas"/> are the
/// HPAs ("namespace/name", this one included) whose selectors select any of <paramref name="Pods"/>, as the caller's
/// selector index finds them (upstream's hpasControllingPodsUnderSelector); more than one makes the selector
/// ambiguous. Null means the caller keeps no such index.
/// </summary>
public sealed record HpaReconcileInput(
    HpaSpec Spec,
    ScaleInfo Scale,
    IReadOnlyList<HpaPod> Pods,
    HpaMetricsSnapshot Metrics,
    HpaControllerState State,
    DateTimeOffset Now,
    HpaStatus? Status = null,
    IReadOnlyList<string>? SelectingHpas = null);
