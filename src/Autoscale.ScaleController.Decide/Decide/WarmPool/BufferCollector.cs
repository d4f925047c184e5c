using Autoscale.ScaleController.Config;
using Autoscale.ScaleController.Decide.Decisions;
using Autoscale.ScaleController.Decide.Observed;

namespace Autoscale.ScaleController.Decide.WarmPool;

/// <summary>
/// Deletes our buffers that belong to no buffer pool this round, saying why: unknown owner, owner no longer configured,
/// its warm pool back on placeholders, its template asking no GPU, a name that is not the workload's buffer, owner gone.
/// </summary>
internal static class BufferCollector
{
    public static void Collect(
        ControllerConfig config, ObservedCluster cluster, CapacityBufferApi api, IEnumerable<ObservedCapacityBuffer> buffers,
        IReadOnlySet<(string Namespace, string Name)> kept, List<Decision> decisions)
    {
        var observed = cluster.Workloads.ToDictionary(w => w.Ref);
        foreach (var buffer in buffers.Where(b => !kept.Contains((b.Namespace, b.Name))))
        {
            var owner = buffer.Owner;
            var configured = owner is null ? null : config.Find(owner);
            var reason = owner is null ? "its owner annotation is missing or unreadable"
                : configured is null ? $"{owner.Kind.Kind} {owner} is no longer configured"
                : configured.Policy.WarmPool.Backend == WarmPoolBackend.Placeholders ? $"{owner.Kind.Kind} {owner}'s warm pool is placeholders"
                : !observed.TryGetValue(owner, out var seen) ? $"{owner.Kind.Kind} {owner} no longer exists"
                : PlaceholderFactory.Gpus(seen.Template, config.Budget) <= 0 ? "the pod template requests no GPU"
                : "not the workload's buffer";
            decisions.Add(new DeleteCapacityBuffer(buffer.Namespace, buffer.Name, api.ApiVersion, owner, reason, config.DryRun || (configured?.DryRun ?? false)));
        }
    }
}
