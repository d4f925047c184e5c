using Autoscale.ScaleController.Config;
using k8s.Models;

namespace Autoscale.ScaleController.Watch;

/// <summary>
/// The workloads managed this round: those in the config, plus the scale target of every HPA annotated
/// <c>autoscale.dev/managed: "true"</c> (with the default policy). Without a config in force nothing is managed.
/// </summary>
internal static class ManagedWorkloads
{
    public const string ManagedAnnotation = "autoscale.dev/managed";

    public static ControllerConfig Effective(ConfigSnapshot snapshot, IEnumerable<V2HorizontalPodAutoscaler> hpas)
    {
        var config = snapshot.Config;
        if (snapshot.Revision is null)
        {
            return config;
        }

        var added = new List<WorkloadConfig>();
        foreach (var hpa in hpas.OrderBy(h => h.Metadata.NamespaceProperty, StringComparer.Ordinal).ThenBy(h => h.Metadata.Name, StringComparer.Ordinal))
        {
            if (hpa.Metadata.Annotations?.TryGetValue(ManagedAnnotation, out var value) != true || value != "true"
                || Target(hpa) is not { } target
                || config.Find(target) is not null
                || config.Workloads.Any(w => w.Workload.Namespace == target.Namespace && w.HpaName == hpa.Metadata.Name)
                || added.Any(w => w.Workload == target))
            {
                continue;
            }

            added.Add(new WorkloadConfig(target, hpa.Metadata.Name, DryRun: false, config.Defaults));
        }

        return added.Count == 0 ? config : config with { Workloads = [.. config.Workloads, .. added] };
    }

    /// <summary>The HPA's scale target (any kind with an apiVersion), or null when the reference is malformed.</summary>
    public static WorkloadRef? Target(V2HorizontalPodAutoscaler hpa)
    {
        var target = hpa.Spec?.ScaleTargetRef;
        return target is not null && WorkloadKind.From(target.ApiVersion, target.Kind) is { } kind && !string.IsNullOrEmpty(target.Name)
            ? new WorkloadRef(hpa.Metadata.NamespaceProperty, target.Name, kind)
            : null;
    }
}
