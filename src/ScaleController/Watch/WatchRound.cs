using Autoscale.ScaleController.Config;
using Autoscale.ScaleController.Decide.Observed;

namespace Autoscale.ScaleController.Watch;

/// <summary>
/// What Watch publishes once per round: the workloads managed this round (the config in force plus HPAs annotated as
/// managed, dry run applied) and the cluster as observed for them. Decide reads nothing else.
/// </summary>
internal sealed record WatchRound(ControllerConfig Effective, ObservedCluster Observed);
