using Autoscale.ScaleController.Config;
using Autoscale.ScaleController.Decide.Observed;

namespace Autoscale.ScaleController.Decide.Behavior;

/// <summary>
/// Pods that are coming but not Ready: scaling down now could remove serving replicas that the loading ones
/// have not replaced yet. A pod older than <c>maxHoldSeconds</c> no longer counts: it is stuck (crash loop,
/// no quota), and a stuck pod must not disable scale-down forever.
/// </summary>
internal static class LoadingPods
{
    public static IReadOnlyList<ObservedPod> Find(IEnumerable<ObservedPod> pods, ScaleDownPolicy policy, DateTimeOffset now)
    {
        var cutoff = now - TimeSpan.FromSeconds(policy.MaxHoldSeconds);
        return pods
            .Where(p => p.Ready is null && !p.Terminating && p.Created > cutoff)
            .OrderBy(p => p.Name, StringComparer.Ordinal)
            .ToList();
    }
}
