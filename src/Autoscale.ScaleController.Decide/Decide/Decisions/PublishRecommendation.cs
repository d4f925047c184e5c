using Autoscale.Hpa;
using Autoscale.ScaleController.Config;
using Autoscale.ScaleController.Decide.Observed;

namespace Autoscale.ScaleController.Decide.Decisions;

/// <summary>
/// The SLO planner's output for one HPA (planner contract §3): merge-patch <see cref="Annotations"/> onto it and
/// record <see cref="Event"/> when there is one. With a recommendation (<see cref="Replicas"/> set) the annotations are
/// <c>autoscale.dev/desired-replicas</c> (what the adapter serves as <c>autoscale_desired_replicas</c>),
/// <c>autoscale.dev/planner-state</c> and <c>autoscale.dev/planner-status</c>; without one, only the state and the
/// status: the desired-replicas annotation is left to go stale, so the adapter stops serving it and the HPA's other
/// metrics govern.
/// </summary>
public sealed record PublishRecommendation(
    WorkloadRef Workload,
    HpaRef Hpa,
    int? Replicas,
    string Reason,
    IReadOnlyDictionary<string, string> Annotations,
    KubernetesEvent? Event,
    bool DryRun) : Decision(Workload, DryRun)
{
    public const string DesiredReplicasAnnotation = Planner.DesiredReplicasValue.Annotation;

    public const string PlannerStateAnnotation = Planner.PlannerStateCodec.Annotation;

    public const string StatusAnnotation = Planner.PlannerStatus.Annotation;

    public override string Describe() => Replicas is { } replicas
        ? $"publish {replicas} desired replicas on HPA {Hpa}: {Reason}"
        : $"publish no desired replicas on HPA {Hpa}: {Reason}";
}
