using System.Globalization;
using Autoscale.ScaleController.Config;
using Autoscale.ScaleController.Decide.Decisions;
using Autoscale.ScaleController.Decide.Observed;

namespace Autoscale.ScaleController.Decide.WarmPool;

/// <summary>
/// Reconciles every pool at once because they share the global budget. Creation is held to the GPUs actually
/// free: placeholders being deleted still hold theirs until gone, so a resize may take two rounds but the
/// budget is never exceeded. A held pool (scale target unreadable) keeps what it has, within its caps. A workload
/// whose planner runs sizes its headroom from the forecast's uncertainty (<paramref name="forecasts"/>).
/// </summary>
internal static class PlaceholderPlanner
{
    public static (IReadOnlyList<Decision> Decisions, IReadOnlyList<PoolStatus> Pools) Plan(
        ControllerConfig config,
        ObservedCluster cluster,
        DateTimeOffset now,
        IReadOnlyDictionary<string, ObservedNode>? nodes = null,
        IReadOnlyDictionary<WorkloadRef, ForecastHeadroom>? forecasts = null)
    {
        var decisions = new List<Decision>();
        var placeholders = cluster.Placeholders
            .OrderBy(p => p.Namespace, StringComparer.Ordinal).ThenBy(p => p.Name, StringComparer.Ordinal).ToList();
        var held = placeholders.Sum(p => p.Gpus);
        var pools = PlaceholderCollector.Collect(config, cluster, placeholders, decisions);

        var targets = pools.Select(p => p.Workload is { } workload
            ? PoolSizer.Size(p.Config.Policy.WarmPool, workload, p.Gpus, now, forecasts?.GetValueOrDefault(p.Config.Workload))
            : PoolSizer.Held(p.Config.Policy.WarmPool, p.Placeholders.Count(x => !x.Terminating), p.Gpus, p.Held ?? "")).ToList();
        var warmth = pools.Select(p => nodes is null ? null : PoolWarmth.Of(p.Placeholders, nodes)).ToList();
        targets = targets.Select((t, i) => warmth[i] is { } w ? t with { Why = $"{t.Why}; now {w}" } : t).ToList();
        var granted = GpuBudgetAllocator.Allocate(targets, config.Budget.MaxGpus);
        var kept = new int[pools.Count];
        for (var i = 0; i < pools.Count; i++)
        {
            kept[i] = Shrink(pools[i], granted[i], targets[i], decisions);
        }

        var created = new int[pools.Count];
        var free = config.Budget.MaxGpus - held;
        var progress = true;
        while (progress)
        {
            progress = false;
            for (var i = 0; i < pools.Count; i++)
            {
                if (pools[i].Workload is not null && kept[i] + created[i] < granted[i] && targets[i].GpusPerPlaceholder <= free)
                {
                    created[i]++;
                    free -= targets[i].GpusPerPlaceholder;
                    progress = true;
                }
            }
        }

        var statuses = new List<PoolStatus>(pools.Count);
        for (var i = 0; i < pools.Count; i++)
        {
            Grow(pools[i], created[i], granted[i], targets[i], decisions);
            statuses.Add(new PoolStatus(pools[i].Config.Workload, targets[i].Wanted, granted[i], kept[i], created[i], targets[i].Why, warmth[i]));
        }

        return (decisions, statuses);
    }

    // Stale templates go first, then the surplus: unscheduled ones (holding no node yet) before scheduled ones.
    // A held pool has no template to compare with: all its placeholders count as current.
    private static int Shrink(Pool pool, int granted, PoolTarget target, List<Decision> decisions)
    {
        var live = pool.Placeholders.Where(p => !p.Terminating).ToList();
        foreach (var stale in live.Where(p => pool.Hash is not null && p.TemplateHash != pool.Hash))
        {
            decisions.Add(new DeletePlaceholder(stale.Namespace, stale.Name, pool.Config.Workload, "the workload's pod template changed", pool.DryRun));
        }

        var current = live.Where(p => pool.Hash is null || p.TemplateHash == pool.Hash)
            .OrderBy(p => p.NodeName is null ? 1 : 0)
            .ThenBy(p => p.Name.Length).ThenBy(p => p.Name, StringComparer.Ordinal)
            .ToList();
        var reason = string.Create(CultureInfo.InvariantCulture, $"pool shrinks to {granted} (wanted {target.Wanted}: {target.Why})");
        foreach (var surplus in current.Skip(granted).Reverse())
        {
            decisions.Add(new DeletePlaceholder(surplus.Namespace, surplus.Name, pool.Config.Workload, reason, pool.DryRun));
        }

        return Math.Min(current.Count, granted);
    }

    private static void Grow(Pool pool, int count, int granted, PoolTarget target, List<Decision> decisions)
    {
        if (pool is not { Workload: { } workload, Hash: { } hash })
        {
            return;
        }

        var taken = pool.Placeholders.Select(p => p.Name).ToHashSet(StringComparer.Ordinal);
        var reason = string.Create(CultureInfo.InvariantCulture, $"pool grows to {granted} (wanted {target.Wanted}: {target.Why})");
        for (var index = 0; count > 0; index++)
        {
            var name = PlaceholderFactory.Name(pool.Config.Workload, index);
            if (taken.Contains(name))
            {
                continue;
            }

            var spec = PlaceholderFactory.Build(pool.Config.Workload, workload.Template, pool.Config.Policy.WarmPool, pool.Gpus, hash, index);
            decisions.Add(new CreatePlaceholder(spec, reason, pool.DryRun));
            count--;
        }
    }
}
