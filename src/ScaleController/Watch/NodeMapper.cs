using System.Globalization;
using Autoscale.ScaleController.Decide.Observed;
using k8s.Models;

namespace Autoscale.ScaleController.Watch;

/// <summary>
/// Node → <see cref="ObservedNode"/>, and the slimming the node watch applies before caching: a node object is
/// mostly its image list, managedFields and annotations, none of which a decision reads.
/// </summary>
internal static class NodeMapper
{
    public static ObservedNode ToObserved(V1Node node, IReadOnlyCollection<string> gpuResources)
    {
        var ready = node.Status?.Conditions?.FirstOrDefault(c => c.Type == "Ready");
        return new ObservedNode(
            node.Metadata.Name,
            PodMapper.Utc(node.Metadata.CreationTimestamp) ?? DateTimeOffset.MinValue,
            ready is { Status: "True" } ? PodMapper.Utc(ready.LastTransitionTime) ?? DateTimeOffset.MinValue : null,
            Gpus(node.Status?.Allocatable, gpuResources),
            node.Spec?.Unschedulable == true);
    }

    /// <summary>
    /// What the cache keeps of a node: name, resourceVersion (the reflector resumes from it), creation, the Ready
    /// condition, extended allocatable resources (names with a '/', e.g. nvidia.com/gpu: the GPU resources are
    /// configurable and hot-reloaded), cordon and taints.
    /// </summary>
    public static V1Node Slim(V1Node node) => new()
    {
        ApiVersion = node.ApiVersion,
        Kind = node.Kind,
        Metadata = new V1ObjectMeta
        {
            Name = node.Metadata?.Name,
            Uid = node.Metadata?.Uid,
            ResourceVersion = node.Metadata?.ResourceVersion,
            CreationTimestamp = node.Metadata?.CreationTimestamp,
            DeletionTimestamp = node.Metadata?.DeletionTimestamp,
        },
        Spec = node.Spec is null ? null : new V1NodeSpec { Unschedulable = node.Spec.Unschedulable, Taints = node.Spec.Taints },
        Status = node.Status is null ? null : new V1NodeStatus
        {
            Conditions = node.Status.Conditions?.Where(c => c.Type == "Ready").ToList(),
            Allocatable = node.Status.Allocatable?.Where(r => r.Key.Contains('/', StringComparison.Ordinal)).ToDictionary(r => r.Key, r => r.Value),
        },
    };

    private static int Gpus(IDictionary<string, ResourceQuantity>? allocatable, IReadOnlyCollection<string> gpuResources)
    {
        long gpus = 0;
        foreach (var name in gpuResources)
        {
            if (allocatable?.TryGetValue(name, out var quantity) == true
                && long.TryParse(quantity.ToString(), NumberStyles.None, CultureInfo.InvariantCulture, out var count))
            {
                gpus += count;
            }
        }

        return (int)Math.Min(gpus, int.MaxValue);
    }
}
