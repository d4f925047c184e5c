using Autoscale.ScaleController.Config;
using Autoscale.ScaleController.Decide.Observed;

namespace Autoscale.ScaleController.Decide.WarmPool;

/// <summary>
/// How many of a buffer's chunks are warm, measured rather than read: chunks that fit the free GPUs of Ready,
/// uncordoned nodes (allocatable GPUs less those of the workload pods and placeholders the controller sees there),
/// capped by what the autoscaler reports provisioning (<c>status.replicas</c>) and by what was asked. Pools take the
/// free GPUs in config order, so one free node is never counted warm for two of them. The rest is warming, all of
/// it "waiting for a node": a buffer has no pod of its own to be pulling or starting.
/// </summary>
internal static class BufferWarmth
{
    public static Dictionary<string, int> FreeGpus(ObservedCluster cluster, GpuBudget budget, IReadOnlyDictionary<string, ObservedNode> nodes)
    {
        var free = nodes.Values.Where(n => n is { Ready: true, Cordoned: false } && n.Gpus > 0).ToDictionary(n => n.Name, n => n.Gpus, StringComparer.Ordinal);
        foreach (var workload in cluster.Workloads)
        {
            var gpus = PlaceholderFactory.Gpus(workload.Template, budget);
            foreach (var pod in workload.Pods.Where(p => !p.Terminating && p.NodeName is not null))
            {
                Take(free, pod.NodeName!, gpus);
            }
        }

        foreach (var placeholder in cluster.Placeholders.Where(p => p.NodeName is not null))
        {
            Take(free, placeholder.NodeName!, placeholder.Gpus);
        }

        return free;
    }

    /// <summary>
    /// Of the <paramref name="asked"/> chunks (of <paramref name="gpus"/> GPUs each), the provisioned ones that fit in
    /// <paramref name="free"/> are warm and taken out of it; the rest are warming.
    /// </summary>
    public static PoolWarmth Measure(Dictionary<string, int> free, ObservedCapacityBuffer? buffer, int asked, int gpus)
    {
        var provisioned = buffer is null || BufferConditions.IsFailed(buffer) ? 0 : Math.Min(asked, buffer.StatusReplicas ?? 0);
        var warm = 0;
        foreach (var node in free.Keys.Order(StringComparer.Ordinal).ToList())
        {
            while (warm < provisioned && gpus > 0 && free[node] >= gpus)
            {
                free[node] -= gpus;
                warm++;
            }
        }

        return new PoolWarmth(warm, asked - warm, 0, 0);
    }

    private static void Take(Dictionary<string, int> free, string node, int gpus)
    {
        if (free.TryGetValue(node, out var left))
        {
            free[node] = Math.Max(0, left - gpus);
        }
    }
}
