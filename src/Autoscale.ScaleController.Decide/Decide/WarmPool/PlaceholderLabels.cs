using Autoscale.ScaleController.Config;

namespace Autoscale.ScaleController.Decide.WarmPool;

/// <summary>
/// Labels and annotations of our own on placeholders: never the workload's selector labels, so a placeholder is
/// never counted by the workload's selector or Service. The owner lives in an annotation because a workload
/// name may exceed the 63-character label-value limit.
/// </summary>
public static class PlaceholderLabels
{
    public const string Placeholder = "autoscale.dev/placeholder";
    public const string Workload = "autoscale.dev/workload";
    public const string TemplateHash = "autoscale.dev/template-hash";
    public const string ManagedBy = "app.kubernetes.io/managed-by";
    public const string ManagedByValue = "autoscale-scale-controller";
    public const string OwnerAnnotation = "autoscale.dev/owner";
    public const string PriorityClassName = "autoscale-placeholder";

    /// <summary>The PriorityClass value: -10 is the cluster autoscaler's expendable cutoff; below it no scale-up.</summary>
    public const int PriorityClassValue = -10;

    public static string OwnerValue(WorkloadRef owner) => $"{owner.Kind}/{owner.Name}";

    /// <summary>For the watch: the owner from a placeholder's namespace and owner annotation, or null if unreadable.</summary>
    public static WorkloadRef? ParseOwner(string ns, string? annotation)
    {
        var slash = annotation?.IndexOf('/', StringComparison.Ordinal) ?? -1;
        if (annotation is null || slash <= 0 || slash == annotation.Length - 1)
        {
            return null;
        }

        return WorkloadKind.TryParse(annotation[..slash], out var kind)
            ? new WorkloadRef(ns, annotation[(slash + 1)..], kind)
            : null;
    }

    public static string LabelSafe(string name) =>
        name.Length <= 63 ? name : name[..54] + "-" + TemplateHasher.Hash(name)[..8];
}
