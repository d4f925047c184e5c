using Autoscale.LoadTest.Cluster;
using Autoscale.LoadTest.Controller;
using Autoscale.LoadTest.Policies;

namespace Autoscale.LoadTest.Simulation;

/// <summary>
/// A balloon (over-provisioning) Deployment, as an SRE deploys one beside any autoscaler: <paramref name="Pods"/>
/// low-priority placeholder pods, each needing a GPU node, preempted by replicas (grace 0) and recreated at once
/// by their ReplicaSet, so the Cluster Autoscaler brings a new node up for the replacement. With
/// <paramref name="PullsImage"/> they run the vLLM image (a sleep), so their nodes already hold it.
/// </summary>
internal sealed record BalloonPool(int Pods, bool PullsImage)
{
    /// <summary>The template-hash label of balloon pods (they belong to no controller).</summary>
    public const string TemplateHash = "balloon";

    /// <summary>
    /// The same warm capacity Autoscale starts with, fixed: the scale controller's own Decide, given the run's
    /// initial fleet of <paramref name="initialReplicas"/> Ready replicas and no queue history, sizes its pool
    /// (warmPool minimum, schedules and headroom × ready, within the GPU budgets) and chooses whether it pre-pulls
    /// the image; a balloon Deployment of that many replicas is what a user would deploy to match it. Autoscale's
    /// own pool then moves with its fleet and its queue; the balloons do not.
    /// </summary>
    public static BalloonPool LikeAutoscale(AutoscaleOptions autoscale, int maxReplicas, int initialReplicas)
    {
        var controller = new AutoscalePolicy(autoscale, maxReplicas).Controller;
        var pods = Enumerable.Range(0, initialReplicas)
            .Select(i => new PodView(SimPod.ReplicaName(i), PodStage.Ready, 0, 0, 0, 0))
            .ToList();
        var actions = controller.Tick(new ControllerTickInput(0, initialReplicas, pods, [], []));
        return new BalloonPool(actions.Create.Count, actions.Create.All(c => c.PullsImage));
    }
}
