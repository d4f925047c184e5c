namespace Autoscale.ScaleController.Config;

/// <summary>Everything tunable per workload; <c>defaults</c> in the config, overridden field by field per workload.</summary>
public sealed record WorkloadPolicy(ColdStartPolicy ColdStart, ScaleDownPolicy ScaleDown, ScaleUpPolicy ScaleUp, WarmPoolPolicy WarmPool)
{
    public static WorkloadPolicy Default { get; } = new(ColdStartPolicy.Default, ScaleDownPolicy.Default, ScaleUpPolicy.Default, WarmPoolPolicy.Default);

    /// <summary>The SLO planner; off by default (the HPA's own metrics size the workload).</summary>
    public PlannerPolicy Planner { get; init; } = PlannerPolicy.Off;
}
