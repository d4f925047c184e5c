namespace Autoscale.Hpa.Reconcile;

/// <summary>
/// kube-controller-manager HPA flags and feature gates, with upstream defaults. HPAConfigurableTolerance is beta and
/// on by default since v1.35. <paramref name="ScaleUpLimitFactor"/> and <paramref name="ScaleUpLimitMinimum"/> are
/// upstream's package variables for the legacy (no behavior) scale-up cap, max(factor × current, minimum); they are
/// not flags, but upstream's own controller tests raise the factor to 8, so they are settable here.
/// </summary>
public sealed record HpaControllerOptions(
    TimeSpan DownscaleStabilisationWindow,
    double Tolerance,
    TimeSpan CpuInitializationPeriod,
    TimeSpan DelayOfInitialReadinessStatus,
    bool ConfigurableToleranceEnabled = true,
    bool PodLevelResourcesEnabled = false,
    double ScaleUpLimitFactor = Normalization.ReplicaNormalization.ScaleUpLimitFactor,
    double ScaleUpLimitMinimum = Normalization.ReplicaNormalization.ScaleUpLimitMinimum)
{
    public static HpaControllerOptions Default { get; } = new(
        TimeSpan.FromMinutes(5), 0.1, TimeSpan.FromMinutes(5), TimeSpan.FromSeconds(30));
}
