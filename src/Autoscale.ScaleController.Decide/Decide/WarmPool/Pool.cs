using Autoscale.ScaleController.Config;
using Autoscale.ScaleController.Decide.Observed;

namespace Autoscale.ScaleController.Decide.WarmPool;

/// <summary>
/// A configured workload's pool: its placeholders and, when the workload is observed, the template hash they should
/// carry. A held pool (<paramref name="Held"/> says why its scale target is unreadable) has no workload and no
/// hash: its placeholders are kept as they are, neither replaced nor added to.
/// </summary>
/// <param name="Gpus">GPUs per placeholder: from the template when observed, else the most any of its placeholders holds.</param>
public sealed record Pool(
    WorkloadConfig Config,
    ObservedWorkload? Workload,
    IReadOnlyList<ObservedPlaceholder> Placeholders,
    string? Hash,
    int Gpus,
    bool DryRun,
    string? Held = null);
