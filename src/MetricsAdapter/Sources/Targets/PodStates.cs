using Autoscale.MetricsAdapter.Store;
using k8s.Models;

namespace Autoscale.MetricsAdapter.Sources.Targets;

/// <summary>
/// Whether a pod is capacity, from its status. A vLLM pod is Running but not Ready while it loads its model, so
/// NotReady is the common "still loading" state; Asleep comes from outside (the sleep-mode seam).
/// </summary>
internal static class PodStates
{
    public static PodState Of(V1Pod pod, bool asleep = false)
    {
        if (pod.Metadata?.DeletionTimestamp is not null)
        {
            return PodState.Terminating;
        }

        if (pod.Status?.Phase is null or "Pending")
        {
            return PodState.Pending; // includes unschedulable pods and image pulls
        }

        if (pod.Status.Phase != "Running" || !IsReady(pod))
        {
            return PodState.NotReady;
        }

        return asleep ? PodState.Asleep : PodState.Ready;
    }

    /// <summary>Succeeded or Failed: gone for every purpose here (neither inventory nor target).</summary>
    public static bool IsFinished(V1Pod pod) => pod.Status?.Phase is "Succeeded" or "Failed";

    private static bool IsReady(V1Pod pod) =>
        pod.Status.Conditions?.Any(c => c.Type == "Ready" && c.Status == "True") == true;
}
