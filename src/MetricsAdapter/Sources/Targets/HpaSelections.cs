using Autoscale.Kubernetes;
using k8s.Models;
using Autoscale.MetricsAdapter.Sources.Definitions;

namespace Autoscale.MetricsAdapter.Sources.Targets;

/// <summary>
/// The pods HPAs want our metrics for: every HPA with a Pods or Object metric named in the catalog, resolved through
/// its scaleTargetRef to the Deployment's or StatefulSet's pod selector (what the HPA itself counts as its pods). An
/// HPA on the planner's <c>autoscale_desired_replicas</c> asks for its pods too: the planner reads their demand metrics.
/// So does the HPA KEDA makes for a ScaledObject whose trigger is our external scaler (External <c>s0-vllm_queue_depth</c>).
/// </summary>
internal static class HpaSelections
{
    public static IEnumerable<PodSelection> Of(TargetWatchView view, MetricCatalog catalog, Action<V2HorizontalPodAutoscaler>? unresolved = null)
    {
        var deployments = view.Deployments.ToDictionary(d => (d.Metadata.NamespaceProperty, d.Metadata.Name), d => d.Spec?.Selector);
        var statefulSets = view.StatefulSets.ToDictionary(s => (s.Metadata.NamespaceProperty, s.Metadata.Name), s => s.Spec?.Selector);
        foreach (var hpa in view.Hpas)
        {
            if (!AsksForCatalogMetric(hpa, catalog))
            {
                continue;
            }

            var ns = hpa.Metadata.NamespaceProperty;
            var target = hpa.Spec?.ScaleTargetRef;
            var selector = target?.Kind switch
            {
                "Deployment" => deployments.GetValueOrDefault((ns, target.Name)),
                "StatefulSet" => statefulSets.GetValueOrDefault((ns, target.Name)),
                _ => null,
            };
            if (LabelSelector.From(selector) is { } parsed)
            {
                yield return new PodSelection(ns, parsed);
            }
            else
            {
                unresolved?.Invoke(hpa);
            }
        }
    }

    public static bool AsksForCatalogMetric(V2HorizontalPodAutoscaler hpa, MetricCatalog catalog) =>
        hpa.Spec?.Metrics?.Any(m => m.Type switch
        {
            "Pods" => m.Pods?.Metric?.Name is { } name && catalog.TryGet(name, out _),
            "Object" => m.ObjectProperty?.Metric?.Name is { } name && (catalog.TryGet(name, out _) || name == DesiredReplicas.Metric),
            // KEDA's HPA for a trigger of our external scaler: External metric "s{index}-{metric}".
            "External" => m.External?.Metric?.Name is { } name && KedaTriggerMetric(name) is { } metric
                && (catalog.TryGet(metric, out _) || metric == DesiredReplicas.Metric),
            _ => false,
        }) == true;

    /// <summary>The metric of KEDA's External metric name <c>s{index}-{metric}</c> (its GenerateMetricNameWithIndex), or null.</summary>
    public static string? KedaTriggerMetric(string name)
    {
        var dash = name.IndexOf('-', StringComparison.Ordinal);
        if (dash < 2 || name[0] != 's' || dash == name.Length - 1)
        {
            return null;
        }

        for (var i = 1; i < dash; i++)
        {
            if (!char.IsAsciiDigit(name[i]))
            {
                return null;
            }
        }

        return name[(dash + 1)..];
    }
}
