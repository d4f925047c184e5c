using Autoscale.ScaleController.Config;
using Autoscale.ScaleController.Decide.Decisions;
using Autoscale.ScaleController.Decide.Observed;

namespace Autoscale.ScaleController.Decide.WarmPool;

/// <summary>
/// Groups placeholders by their configured, observed workload and garbage-collects the rest: unknown owner,
/// owner no longer in the config (or no config at all), owner workload deleted.
/// </summary>
internal static class PlaceholderCollector
{
    public static IReadOnlyList<Pool> Collect(
        ControllerConfig config, ObservedCluster cluster, IReadOnlyList<ObservedPlaceholder> placeholders, List<Decision> decisions)
    {
        var observed = cluster.Workloads.ToDictionary(w => w.Ref);
        var pools = new List<Pool>();
        foreach (var workload in config.Workloads)
        {
            if (observed.TryGetValue(workload.Workload, out var seen))
            {
                var policy = workload.Policy.WarmPool;
                pools.Add(new Pool(
                    workload,
                    seen,
                    placeholders.Where(p => p.Owner == workload.Workload).ToList(),
                    TemplateHasher.Hash(seen.Template, policy),
                    PlaceholderFactory.Gpus(seen.Template, config.Budget),
                    config.DryRun || workload.DryRun));
            }
        }

        foreach (var p in placeholders)
        {
            if (p.Terminating || pools.Any(pool => pool.Config.Workload == p.Owner))
            {
                continue;
            }

            var configured = p.Owner is null ? null : config.Find(p.Owner);
            var reason = p.Owner is null ? "its owner annotation is missing or unreadable"
                : configured is null ? $"{p.Owner.Kind} {p.Owner} is no longer configured"
                : $"{p.Owner.Kind} {p.Owner} no longer exists";
            decisions.Add(new DeletePlaceholder(p.Namespace, p.Name, p.Owner, reason, config.DryRun || (configured?.DryRun ?? false)));
        }

        return pools;
    }
}
