using Autoscale.ScaleController.Config;
using Autoscale.ScaleController.Decide.Decisions;
using Autoscale.ScaleController.Decide.Observed;

namespace Autoscale.ScaleController.Decide.WarmPool;

/// <summary>
/// Groups placeholders by their configured workload and garbage-collects the rest: unknown owner, owner no longer
/// in the config (or no config at all), owner workload gone. A configured workload whose scale target is unreadable
/// (403, unknown kind, …) is not gone: its placeholders form a held pool, as the Kubernetes garbage collector keeps
/// dependents while their owner cannot be confirmed absent.
/// </summary>
internal static class PlaceholderCollector
{
    public static IReadOnlyList<Pool> Collect(
        ControllerConfig config, ObservedCluster cluster, IReadOnlyList<ObservedPlaceholder> placeholders, List<Decision> decisions)
    {
        var observed = cluster.Workloads.ToDictionary(w => w.Ref);
        var unreadable = cluster.Unreadable.GroupBy(u => u.Workload).ToDictionary(g => g.Key, g => g.First().Why);
        var pools = new List<Pool>();
        foreach (var workload in config.Workloads)
        {
            var owned = placeholders.Where(p => p.Owner == workload.Workload).ToList();
            var dryRun = config.DryRun || workload.DryRun;
            if (observed.TryGetValue(workload.Workload, out var seen))
            {
                var policy = workload.Policy.WarmPool;
                pools.Add(new Pool(
                    workload, seen, owned, TemplateHasher.Hash(seen.Template, policy), PlaceholderFactory.Gpus(seen.Template, config.Budget), dryRun));
            }
            else if (unreadable.TryGetValue(workload.Workload, out var why))
            {
                pools.Add(new Pool(workload, null, owned, null, owned.Count == 0 ? 0 : owned.Max(p => p.Gpus), dryRun, why));
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
