using Autoscale.Hpa.Spec;

namespace Autoscale.Hpa.Normalization;

/// <summary>
/// Upstream's NormalizationArg without the map key: the caller passes that HPA's history explicitly.
/// The rules are expected to be defaulted (<see cref="HpaDefaults"/>).
/// </summary>
public sealed record NormalizationArg(
    HpaScalingRules ScaleUpBehavior,
    HpaScalingRules ScaleDownBehavior,
    int MinReplicas,
    int MaxReplicas,
    int CurrentReplicas,
    int DesiredReplicas);
