using Autoscale.LoadTest.Policies;
using Autoscale.ScaleController.Decide.Observed;

namespace Autoscale.LoadTest.Controller;

/// <summary>
/// What the controller's watches see at virtual time <paramref name="Now"/>: the workload's spec replicas, its
/// pods, the placeholder pods, the fleet's summed queue depth as scraped (oldest first) and the workload's demand as
/// its custom-metrics reader sums it (null: the adapter serves none).
/// </summary>
internal sealed record ControllerTickInput(
    double Now,
    int SpecReplicas,
    IReadOnlyList<PodView> Pods,
    IReadOnlyList<PlaceholderView> Placeholders,
    IReadOnlyList<QueueDepthPoint> QueueDepth,
    WorkloadDemand? Demand = null);
