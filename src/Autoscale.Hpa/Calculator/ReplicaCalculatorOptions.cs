namespace Autoscale.Hpa.Calculator;

/// <summary>
/// Controller-manager flags the replica calculator reads. Defaults are the upstream flag defaults
/// (cpu-initialization-period 5 m, initial-readiness-delay 30 s). <paramref name="PodLevelResourcesEnabled"/> is the
/// PodLevelResources feature gate (KEP-2837).
/// </summary>
public sealed record ReplicaCalculatorOptions(
    TimeSpan CpuInitializationPeriod,
    TimeSpan DelayOfInitialReadinessStatus,
    bool PodLevelResourcesEnabled = false)
{
    public static ReplicaCalculatorOptions Default { get; } = new(TimeSpan.FromMinutes(5), TimeSpan.FromSeconds(30));
}
