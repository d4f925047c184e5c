using Autoscale.LoadTest.Policies;

namespace Autoscale.LoadTest.Controller;

/// <summary>
/// What the controller's watches see at virtual time <paramref name="Now"/>: the workload's spec replicas, its
/// pods, the placeholder pods and the fleet's summed queue depth as scraped (oldest first).
/// </summary>
internal sealed record ControllerTickInput(
    double Now,
    int SpecReplicas,
    IReadOnlyList<PodView> Pods,
    IReadOnlyList<PlaceholderView> Placeholders,
    IReadOnlyList<QueueDepthPoint> QueueDepth);
