using System.Globalization;
using Autoscale.ScaleController.Decide.Observed;

namespace Autoscale.ScaleController.Decide.WarmPool;

/// <summary>
/// Whether a pool's placeholders already hold what a scale-up needs. Warm: Running on a Ready node that can
/// allocate GPUs (a node the cluster autoscaler delivered, image pulled). Warming: waiting for a node (Pending,
/// unscheduled: the cluster autoscaler is provisioning, or cannot, e.g. at its max), on a node not Ready yet (driver,
/// runtime, GPU plugin), or scheduled but not Running (pulling the image).
/// </summary>
public sealed record PoolWarmth(int Warm, int WaitingForNode, int NodeNotReady, int Starting)
{
    public int Warming => WaitingForNode + NodeNotReady + Starting;

    public static PoolWarmth Of(IEnumerable<ObservedPlaceholder> placeholders, IReadOnlyDictionary<string, ObservedNode> nodes)
    {
        var (warm, waiting, notReady, starting) = (0, 0, 0, 0);
        foreach (var p in placeholders)
        {
            if (p.Terminating)
            {
                continue;
            }

            if (p.NodeName is null)
            {
                waiting++;
            }
            else if (nodes.GetValueOrDefault(p.NodeName) is not { Ready: true } node || (p.Gpus > 0 && node.Gpus == 0))
            {
                notReady++;
            }
            else if (!p.Running)
            {
                starting++;
            }
            else
            {
                warm++;
            }
        }

        return new PoolWarmth(warm, waiting, notReady, starting);
    }

    public override string ToString()
    {
        var parts = new List<string>(3);
        Add(parts, WaitingForNode, "waiting for a node");
        Add(parts, NodeNotReady, "on a node not Ready");
        Add(parts, Starting, "starting");
        var detail = parts.Count == 0 ? "" : $" ({string.Join(", ", parts)})";
        return string.Create(CultureInfo.InvariantCulture, $"{Warm} warm, {Warming} warming{detail}");
    }

    private static void Add(List<string> parts, int count, string what)
    {
        if (count > 0)
        {
            parts.Add(string.Create(CultureInfo.InvariantCulture, $"{count} {what}"));
        }
    }
}
