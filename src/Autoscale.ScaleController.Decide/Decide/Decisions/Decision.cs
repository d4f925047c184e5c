using Autoscale.ScaleController.Config;

namespace Autoscale.ScaleController.Decide.Decisions;

/// <summary>
/// One thing Act should do. <see cref="DryRun"/> decisions are identical to real ones but only logged.
/// <see cref="Describe"/> is the one-line text used for logs and for comparing decisions in tests.
/// </summary>
public abstract record Decision(WorkloadRef? Workload, bool DryRun)
{
    public abstract string Describe();

    public sealed override string ToString() => (DryRun ? "[dry-run] " : "") + Describe();
}
