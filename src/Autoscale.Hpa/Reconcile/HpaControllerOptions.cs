namespace Autoscale.Hpa.Reconcile;

/// <summary>
/// kube-controller-manager HPA flags and feature gates, with upstream defaults. HPAConfigurableTolerance is beta and
/// on by default since v1.35.
/// </summary>
public sealed record HpaControllerOptions(
    TimeSpan DownscaleStabilisationWindow,
    double Tolerance,
    TimeSpan CpuInitializationPeriod,
    TimeSpan DelayOfInitialReadinessStatus,
    bool ConfigurableToleranceEnabled = true,
    bool PodLevelResourcesEnabled = false)
{
    public static HpaControllerOptions Default { get; } = new(
        TimeSpan.FromMinutes(5), 0.1, TimeSpan.FromMinutes(5), TimeSpan.FromSeconds(30));
}
