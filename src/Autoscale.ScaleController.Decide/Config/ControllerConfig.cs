namespace Autoscale.ScaleController.Config;

/// <summary>
/// The validated configuration. <see cref="Empty"/> stands for "no config": it manages nothing, so every
/// placeholder is garbage-collected and no HPA is touched.
/// </summary>
public sealed record ControllerConfig(bool DryRun, GpuBudget Budget, WorkloadPolicy Defaults, IReadOnlyList<WorkloadConfig> Workloads)
{
    public static ControllerConfig Empty { get; } = new(DryRun: false, GpuBudget.Default, WorkloadPolicy.Default, []);

    public WorkloadConfig? Find(WorkloadRef workload)
    {
        foreach (var candidate in Workloads)
        {
            if (candidate.Workload == workload)
            {
                return candidate;
            }
        }

        return null;
    }
}
