using System.Globalization;
using Autoscale.ScaleController.Decide.Observed;
using k8s;
using k8s.Models;

namespace Autoscale.ScaleController.Watch;

/// <summary>
/// A workload's pod template → what a placeholder copies: the first container's image (the model server), the
/// requests summed over containers, node selector, tolerations, affinity (as JSON) and image pull secrets.
/// </summary>
internal static class TemplateMapper
{
    public static PodTemplate ToTemplate(V1PodTemplateSpec? template)
    {
        var spec = template?.Spec;
        var containers = spec?.Containers ?? [];
        return new PodTemplate(
            containers.FirstOrDefault()?.Image ?? "",
            Requests(containers),
            spec?.NodeSelector is { } selector ? new Dictionary<string, string>(selector) : new Dictionary<string, string>(),
            [.. (spec?.Tolerations ?? []).Select(t => new Toleration(t.Key, t.OperatorProperty, t.Value, t.Effect, t.TolerationSeconds))],
            spec?.Affinity is { } affinity ? KubernetesJson.Serialize(affinity) : null,
            [.. (spec?.ImagePullSecrets ?? []).Select(s => s.Name).Where(n => !string.IsNullOrEmpty(n))]);
    }

    /// <summary>Requests summed over containers (limits stand in where a request is missing, as the API defaults).</summary>
    public static IReadOnlyDictionary<string, string> Requests(IEnumerable<V1Container> containers)
    {
        var sums = new SortedDictionary<string, (decimal Total, string? Single, int Count)>(StringComparer.Ordinal);
        foreach (var container in containers)
        {
            var requests = container.Resources?.Requests ?? new Dictionary<string, ResourceQuantity>();
            var limits = container.Resources?.Limits ?? new Dictionary<string, ResourceQuantity>();
            foreach (var name in requests.Keys.Union(limits.Keys))
            {
                var quantity = requests.TryGetValue(name, out var request) ? request : limits[name];
                var current = sums.GetValueOrDefault(name);
                sums[name] = (current.Total + quantity.ToDecimal(), quantity.ToString(), current.Count + 1);
            }
        }

        // One container's quantity is kept as written ("80Gi"); a sum is written in plain units.
        return sums.ToDictionary(
            s => s.Key,
            s => s.Value.Count == 1 && s.Value.Single is { } single ? single : s.Value.Total.ToString(CultureInfo.InvariantCulture));
    }
}
