using Autoscale.ScaleController.Config;
using Autoscale.ScaleController.Decide.History;
using Autoscale.ScaleController.Decide.Observed;

namespace Autoscale.ScaleController.Decide;

/// <summary>
/// Everything a decision depends on. <see cref="History"/> is the caller's memory of cold starts; a workload
/// missing from it starts from its HPA's annotation (how a restarted controller remembers). <see cref="Planner"/> is
/// the caller's memory of each planner's state (opaque text, as <see cref="DecideOutput.Planner"/> returned it);
/// likewise a workload missing from it starts from its HPA's <c>autoscale.dev/planner-state</c>.
/// </summary>
public sealed record DecideInput(
    ControllerConfig Config,
    ObservedCluster Cluster,
    IReadOnlyDictionary<WorkloadRef, ColdStartHistory> History,
    DateTimeOffset Now,
    IReadOnlyDictionary<WorkloadRef, string>? Planner = null);
