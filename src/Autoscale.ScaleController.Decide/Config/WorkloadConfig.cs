namespace Autoscale.ScaleController.Config;

/// <summary>A managed workload, the HPA that scales it, and its resolved policy (defaults + its overrides).</summary>
/// <param name="DryRun">Only adds to the global switch: a workload cannot opt out of a global dry run.</param>
public sealed record WorkloadConfig(WorkloadRef Workload, string HpaName, bool DryRun, WorkloadPolicy Policy);
