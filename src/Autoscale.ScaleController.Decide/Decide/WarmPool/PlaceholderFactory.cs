using System.Globalization;
using Autoscale.ScaleController.Config;
using Autoscale.ScaleController.Decide.Observed;

namespace Autoscale.ScaleController.Decide.WarmPool;

/// <summary>Builds placeholder specs from a workload's template; names are <c>{workload}-warm-{n}</c>, lowest free n.</summary>
public static class PlaceholderFactory
{
    private static readonly string[] SleepCommand = ["sleep", "infinity"];

    public static int Gpus(PodTemplate template, GpuBudget budget)
    {
        var total = 0;
        foreach (var resource in budget.GpuResources)
        {
            // Extended resources are whole numbers; anything else is not a GPU count we can budget.
            if (template.Requests.TryGetValue(resource, out var quantity)
                && int.TryParse(quantity, NumberStyles.None, CultureInfo.InvariantCulture, out var count))
            {
                total += count;
            }
        }

        return total;
    }

    public static string Name(WorkloadRef owner, int index)
    {
        var suffix = string.Create(CultureInfo.InvariantCulture, $"-warm-{index}");
        var stem = owner.Name.Length + suffix.Length <= 253 ? owner.Name : owner.Name[..(253 - suffix.Length)];
        return stem + suffix;
    }

    public static PlaceholderSpec Build(WorkloadRef owner, PodTemplate template, WarmPoolPolicy policy, int gpus, string hash, int index) => new(
        owner.Namespace,
        Name(owner, index),
        owner,
        new Dictionary<string, string>
        {
            [PlaceholderLabels.Placeholder] = "true",
            [PlaceholderLabels.Workload] = PlaceholderLabels.LabelSafe(owner.Name),
            [PlaceholderLabels.TemplateHash] = hash,
            [PlaceholderLabels.ManagedBy] = PlaceholderLabels.ManagedByValue,
        },
        new Dictionary<string, string> { [PlaceholderLabels.OwnerAnnotation] = PlaceholderLabels.OwnerValue(owner) },
        PlaceholderLabels.PriorityClassName,
        policy.PrePullImage ? template.Image : policy.PauseImage,
        policy.PrePullImage ? SleepCommand : null,
        template.Requests,
        template.NodeSelector,
        template.Tolerations,
        template.AffinityJson,
        template.ImagePullSecrets ?? [],
        gpus,
        hash);
}
