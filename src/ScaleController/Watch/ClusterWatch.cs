using Autoscale.ScaleController.Config;
using Autoscale.ScaleController.Decide.Observed;
using Autoscale.ScaleController.Watch.CapacityBuffers;
using Autoscale.ScaleController.Watch.Demand;
using Autoscale.ScaleController.Watch.QueueDepth;
using Autoscale.ScaleController.Watch.ScaleTargets;
using Microsoft.Extensions.Logging;

namespace Autoscale.ScaleController.Watch;

/// <summary>
/// The Watch stage: once per round, one snapshot of the caches → the managed workloads → their scale targets read
/// through /scale → their pod watches scoped → their queue depth, (planner on) demand and (buffer backend) CapacityBuffers
/// read → one <see cref="WatchRound"/>. Everything the
/// round decides on comes from that one snapshot, so Decide never sees two states of the cluster mixed.
/// </summary>
internal sealed partial class ClusterWatch(
    IClusterCache cache, ScaleTargetReader targets, QueueDepthFeed queueDepth, DemandFeed demand, ILogger logger, CapacityBufferFeed? buffers = null)
{
    public bool Synced => cache.Synced;

    /// <summary>Raised (on a watch thread) after any cached object changed.</summary>
    public event Action? Changed
    {
        add => cache.Changed += value;
        remove => cache.Changed -= value;
    }

    /// <summary>Why each managed workload read through /scale is skipped (403, unknown kind, …), as last read.</summary>
    public IReadOnlyDictionary<WorkloadRef, string> ScaleTargetProblems => targets.Problems;

    /// <summary>
    /// This round's observation, or null when a managed workload's pods have not listed yet (deciding then would miss
    /// them; their listing raises <see cref="Changed"/>, which brings the next round).
    /// </summary>
    public async Task<WatchRound?> ObserveAsync(ConfigSnapshot config, bool dryRun, CancellationToken stop)
    {
        var snapshot = cache.Snapshot();
        var effective = ManagedWorkloads.Effective(config, snapshot.Hpas);
        effective = dryRun ? effective with { DryRun = true } : effective;
        await targets.RefreshAsync(effective.Workloads.Select(w => w.Workload), snapshot.Pods, stop).ConfigureAwait(false);
        snapshot = snapshot with { ScaleTargets = targets.Current, UnreadableTargets = targets.Unreadable };
        var scopes = ObservedClusterBuilder.PodScopes(effective, snapshot);

        // Both: the watches must be listed now, and must have been when the snapshot was taken.
        if (!cache.WatchPods(scopes) || !scopes.All(snapshot.Listed.Contains))
        {
            LogPodsNotListed(logger);
            return null;
        }

        // The metric reads use this snapshot's selectors; all reads run at once, each under its own short timeout.
        var selectors = ObservedClusterBuilder.Selectors(effective, snapshot);
        var queue = queueDepth.RefreshAsync(effective, selectors, stop);
        var demands = demand.RefreshAsync(effective, selectors, stop);
        var buffered = buffers?.RefreshAsync(effective, stop) ?? Task.FromResult<CapacityBufferApi?>(null);
        await Task.WhenAll(queue, demands, buffered).ConfigureAwait(false);
        var observed = ObservedClusterBuilder.Build(effective, snapshot, await queue.ConfigureAwait(false), await demands.ConfigureAwait(false));
        return new WatchRound(effective, observed with { CapacityBuffers = await buffered.ConfigureAwait(false) });
    }

    [LoggerMessage(Level = LogLevel.Debug, Message = "Round skipped: pod watches of newly managed workloads are still listing")]
    private static partial void LogPodsNotListed(ILogger logger);
}
