using Autoscale.ScaleController.Config;
using Autoscale.ScaleController.Decide.Observed;

namespace Autoscale.ScaleController.Decide.WarmPool;

/// <summary>A configured, observed workload with its placeholders and the template hash they should carry.</summary>
internal sealed record Pool(
    WorkloadConfig Config,
    ObservedWorkload Workload,
    IReadOnlyList<ObservedPlaceholder> Placeholders,
    string Hash,
    int Gpus,
    bool DryRun);
