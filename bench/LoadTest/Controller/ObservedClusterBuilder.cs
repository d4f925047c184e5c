using System.Globalization;
using Autoscale.LoadTest.Cluster;
using Autoscale.LoadTest.Policies;
using Autoscale.ScaleController.Config;
using Autoscale.ScaleController.Decide.Observed;

namespace Autoscale.LoadTest.Controller;

/// <summary>
/// Translates the simulated cluster into the controller's <see cref="ObservedCluster"/>, as its watches would
/// read it: the workload (first configured one), its HPA with behavior and annotations, its pods with their
/// lifecycle timestamps, its placeholders, the queue-depth series and the demand the planner reads.
/// </summary>
internal static class ObservedClusterBuilder
{
    public const string Image = "vllm/vllm-openai:v0.11.0";

    public static PodTemplate Template(ControllerConfig config) => new(
        Image,
        new Dictionary<string, string>(StringComparer.Ordinal) { ["cpu"] = "4", [config.Budget.GpuResources[0]] = "1" },
        new Dictionary<string, string>(StringComparer.Ordinal),
        []);

    public static ObservedCluster Build(WorkloadConfig workload, PodTemplate template, HpaDriver hpa, ControllerTickInput input)
    {
        var owner = workload.Workload;
        var status = hpa.Status ?? (input.SpecReplicas, input.SpecReplicas);
        var observedHpa = new ObservedHpa(
            new HpaRef(owner.Namespace, workload.HpaName),
            hpa.Spec.MinReplicas,
            hpa.Spec.MaxReplicas,
            status.Current,
            status.Desired,
            hpa.Spec.Behavior,
            new Dictionary<string, string>(hpa.Annotations, StringComparer.Ordinal));
        var pods = input.Pods.Select(Pod).ToList();
        var queue = input.QueueDepth.Select(q => new MetricSample(HpaDriver.At(q.At), q.Waiting)).ToList();
        var placeholders = input.Placeholders
            .Select(p => new ObservedPlaceholder(owner.Namespace, p.Name, owner, p.TemplateHash, p.Gpus,
                p.NodeId is { } node ? "gpu-node-" + node.ToString(CultureInfo.InvariantCulture) : null))
            .ToList();
        return new ObservedCluster([new ObservedWorkload(owner, input.SpecReplicas, template, observedHpa, pods, queue, input.Demand)], placeholders);
    }

    // A replica that was already serving when the run began (ready at t = 0) never cold-started in the run: its
    // container start is not shown, so the controller learns nothing from it (it would read a 0-second cold start,
    // which shrinks the learnt window and the planner's look-ahead to nothing until real samples push it out).
    private static ObservedPod Pod(PodView pod) => new(
        pod.Name,
        HpaDriver.At(pod.CreatedAt),
        At(pod.UnschedulableSince),
        At(pod.StartTime),
        pod.ReadyAt == 0 ? null : At(pod.ContainersStartedAt),
        At(pod.ReadyAt),
        Terminating: pod.Stage is PodStage.Terminating or PodStage.Deleted);

    private static DateTimeOffset? At(double? seconds) => seconds is { } s ? HpaDriver.At(s) : null;
}
