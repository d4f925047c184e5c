using Autoscale.Hpa.Spec;
using Autoscale.ScaleController.Decide.Observed;
using k8s.Models;

namespace Autoscale.ScaleController.Watch;

/// <summary>autoscaling/v2 HPA → <see cref="ObservedHpa"/> (bounds, replicas, behavior, annotations).</summary>
internal static class HpaMapper
{
    public static ObservedHpa ToObserved(V2HorizontalPodAutoscaler hpa) => new(
        new HpaRef(hpa.Metadata.NamespaceProperty, hpa.Metadata.Name),
        hpa.Spec?.MinReplicas,
        hpa.Spec?.MaxReplicas ?? 0,
        hpa.Status?.CurrentReplicas ?? 0,
        hpa.Status?.DesiredReplicas ?? 0,
        Behavior(hpa.Spec?.Behavior),
        hpa.Metadata.Annotations is { } annotations ? new Dictionary<string, string>(annotations) : new Dictionary<string, string>());

    private static HpaBehavior? Behavior(V2HorizontalPodAutoscalerBehavior? behavior) =>
        behavior is null ? null : new HpaBehavior(Rules(behavior.ScaleUp), Rules(behavior.ScaleDown));

    private static HpaScalingRules? Rules(V2HPAScalingRules? rules) => rules is null ? null : new HpaScalingRules(
        rules.StabilizationWindowSeconds,
        Enum.TryParse<ScalingPolicySelect>(rules.SelectPolicy, out var select) ? select : null,
        rules.Policies?.Select(p => new HpaScalingPolicy(
            Enum.TryParse<ScalingPolicyType>(p.Type, out var type) ? type : ScalingPolicyType.Pods, p.Value, p.PeriodSeconds)).ToList(),
        rules.Tolerance is { } tolerance ? (double)tolerance.ToDecimal() : null);
}
