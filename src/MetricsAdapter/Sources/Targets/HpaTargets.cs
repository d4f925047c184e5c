using Autoscale.Kubernetes;
using k8s.Models;

namespace Autoscale.MetricsAdapter.Sources.Targets;

/// <summary>
/// The per-pod targets HPAs set for Pods metrics (<c>target.averageValue</c>), by the pods their scale target selects:
/// what a not-ready pod is reported at when the serving policy says <c>atTarget</c>.
/// </summary>
internal static class HpaTargets
{
    public static IReadOnlyList<(PodSelection Pods, string Metric, double Target)> Of(TargetWatchView view)
    {
        var selectors = new Dictionary<(string, string, string), V1LabelSelector?>();
        foreach (var d in view.Deployments)
        {
            selectors[(d.Metadata.NamespaceProperty, "Deployment", d.Metadata.Name)] = d.Spec?.Selector;
        }

        foreach (var s in view.StatefulSets)
        {
            selectors[(s.Metadata.NamespaceProperty, "StatefulSet", s.Metadata.Name)] = s.Spec?.Selector;
        }

        var result = new List<(PodSelection, string, double)>();
        foreach (var hpa in view.Hpas)
        {
            var ns = hpa.Metadata.NamespaceProperty;
            var target = hpa.Spec?.ScaleTargetRef;
            if (target is null || LabelSelector.From(selectors.GetValueOrDefault((ns, target.Kind, target.Name))) is not { } selector)
            {
                continue;
            }

            foreach (var metric in hpa.Spec!.Metrics ?? [])
            {
                if (metric.Type == "Pods" && metric.Pods?.Metric?.Name is { } name
                    && metric.Pods.Target?.AverageValue is { } quantity && Quantity.TryParseMilli(quantity.ToString(), out var milli))
                {
                    result.Add((new PodSelection(ns, selector), name, milli / 1000.0));
                }
            }
        }

        return result;
    }

    public static IReadOnlyDictionary<string, double>? For(IReadOnlyList<(PodSelection Pods, string Metric, double Target)> targets, string ns, IReadOnlyDictionary<string, string> labels)
    {
        Dictionary<string, double>? found = null;
        foreach (var (pods, metric, target) in targets)
        {
            if (pods.Matches(ns, labels))
            {
                (found ??= new Dictionary<string, double>(StringComparer.Ordinal))[metric] = target;
            }
        }

        return found;
    }
}
