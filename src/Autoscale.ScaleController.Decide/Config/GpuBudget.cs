namespace Autoscale.ScaleController.Config;

/// <summary>The cluster-wide cap on GPUs held by placeholders, and which extended resources count as GPUs.</summary>
public sealed record GpuBudget(int MaxGpus, IReadOnlyList<string> GpuResources)
{
    public static GpuBudget Default { get; } = new(MaxGpus: 8, GpuResources: ["nvidia.com/gpu"]);
}
