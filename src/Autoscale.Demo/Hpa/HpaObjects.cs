using System.Globalization;
using Autoscale.Hpa.Pods;
using Autoscale.Hpa.Reconcile;
using Autoscale.Hpa.Spec;
using k8s.Models;

namespace Autoscale.Demo.Hpa;

/// <summary>autoscaling/v2 and core/v1 objects to and from the HPA port's plain data (what kube-controller-manager reads and writes).</summary>
internal static class HpaObjects
{
    public static HpaSpec Spec(V2HorizontalPodAutoscaler hpa) => new(
        hpa.Spec.MaxReplicas,
        [.. (hpa.Spec.Metrics ?? []).Select(Metric)],
        hpa.Spec.MinReplicas,
        // The API server defaults a behavior that is set (the scale controller sets one); none stays none.
        HpaDefaults.SetDefaults_HorizontalPodAutoscalerBehavior(Behavior(hpa.Spec.Behavior)));

    private static MetricSpec Metric(V2MetricSpec metric) => metric.Type switch
    {
        "Pods" => MetricSpec.Pods(Identifier(metric.Pods.Metric), Target(metric.Pods.Target)),
        "Object" => MetricSpec.Object(
            new CrossVersionObjectReference(metric.ObjectProperty.DescribedObject.Kind, metric.ObjectProperty.DescribedObject.Name, metric.ObjectProperty.DescribedObject.ApiVersion),
            Identifier(metric.ObjectProperty.Metric),
            Target(metric.ObjectProperty.Target)),
        "External" => MetricSpec.External(Identifier(metric.External.Metric), Target(metric.External.Target)),
        "Resource" => MetricSpec.Resource(metric.Resource.Name, Target(metric.Resource.Target)),
        _ => MetricSpec.ContainerResource(metric.ContainerResource.Name, metric.ContainerResource.Container, Target(metric.ContainerResource.Target)),
    };

    private static MetricIdentifier Identifier(V2MetricIdentifier metric) =>
        new(metric.Name, metric.Selector is null ? null : SelectorText(metric.Selector));

    /// <summary>metav1.FormatLabelSelector: matchLabels as k=v, then the expressions.</summary>
    public static string SelectorText(V1LabelSelector selector) => string.Join(",", (selector.MatchLabels ?? new Dictionary<string, string>())
        .OrderBy(l => l.Key, StringComparer.Ordinal).Select(l => $"{l.Key}={l.Value}")
        .Concat((selector.MatchExpressions ?? []).Select(e => e.OperatorProperty switch
        {
            "In" => $"{e.Key} in ({string.Join(",", e.Values)})",
            "NotIn" => $"{e.Key} notin ({string.Join(",", e.Values)})",
            "Exists" => e.Key,
            _ => "!" + e.Key,
        })));

    private static MetricTarget Target(V2MetricTarget target) => target.Type switch
    {
        "Utilization" => MetricTarget.Utilization(target.AverageUtilization ?? 0),
        "Value" => MetricTarget.Value(Milli(target.Value)),
        _ => MetricTarget.AverageValue(Milli(target.AverageValue)),
    };

    private static HpaBehavior? Behavior(V2HorizontalPodAutoscalerBehavior? behavior) =>
        behavior is null ? null : new HpaBehavior(Rules(behavior.ScaleUp), Rules(behavior.ScaleDown));

    private static HpaScalingRules? Rules(V2HPAScalingRules? rules) => rules is null
        ? null
        : new HpaScalingRules(
            rules.StabilizationWindowSeconds,
            rules.SelectPolicy is { } select ? Enum.Parse<ScalingPolicySelect>(select) : null,
            rules.Policies?.Select(p => new HpaScalingPolicy(Enum.Parse<ScalingPolicyType>(p.Type), p.Value, p.PeriodSeconds)).ToList());

    public static long Milli(ResourceQuantity? quantity) =>
        quantity is null ? 0 : (long)Math.Ceiling(quantity.ToDecimal() * 1000m);

    public static HpaPod Pod(V1Pod pod)
    {
        var ready = pod.Status?.Conditions?.FirstOrDefault(c => c.Type == "Ready");
        return new HpaPod(
            pod.Metadata.Name,
            Enum.TryParse<PodPhase>(pod.Status?.Phase, out var phase) ? phase : PodPhase.Pending,
            ready is null ? null : new PodReadyCondition(Enum.Parse<ConditionStatus>(ready.Status), Utc(ready.LastTransitionTime) ?? DateTimeOffset.MinValue),
            Utc(pod.Status?.StartTime),
            [.. (pod.Spec?.Containers ?? []).Select(c => new HpaContainer(c.Name, Requests(c)))],
            Utc(pod.Metadata.DeletionTimestamp));
    }

    private static Dictionary<string, long> Requests(V1Container container) =>
        (container.Resources?.Requests ?? new Dictionary<string, ResourceQuantity>()).ToDictionary(r => r.Key, r => Milli(r.Value), StringComparer.Ordinal);

    public static V2HorizontalPodAutoscalerStatus Status(HpaStatus status, IReadOnlyList<MetricSpec> metrics) => new()
    {
        CurrentReplicas = status.CurrentReplicas,
        DesiredReplicas = status.DesiredReplicas,
        LastScaleTime = status.LastScaleTime?.UtcDateTime,
        CurrentMetrics = status.CurrentMetrics?.Select((m, i) => MetricStatus(m, metrics[i])).ToList(),
        Conditions = [.. status.Conditions.Select(c => new V2HorizontalPodAutoscalerCondition
        {
            Type = c.Type.ToString(),
            Status = c.Status.ToString(),
            Reason = c.Reason,
            Message = c.Message,
            LastTransitionTime = c.LastTransitionTime?.UtcDateTime,
        })],
    };

    // A metric that failed keeps a zero-valued entry in its slot, as upstream writes it.
    private static V2MetricStatus MetricStatus(HpaMetricStatus? status, MetricSpec spec)
    {
        var metric = new V2MetricIdentifier { Name = spec.Metric?.Name ?? spec.ResourceName ?? "" };
        var current = new V2MetricValueStatus
        {
            AverageValue = status?.AverageValueMilli is { } average ? Quantity(average) : null,
            Value = status?.ValueMilli is { } value ? Quantity(value) : null,
            AverageUtilization = status?.AverageUtilization,
        };
        return spec.Type switch
        {
            MetricSourceType.Pods => new V2MetricStatus { Type = "Pods", Pods = new V2PodsMetricStatus { Metric = metric, Current = current } },
            MetricSourceType.Object => new V2MetricStatus
            {
                Type = "Object",
                ObjectProperty = new V2ObjectMetricStatus
                {
                    Metric = metric,
                    Current = current,
                    DescribedObject = new V2CrossVersionObjectReference { Kind = spec.DescribedObject!.Kind, Name = spec.DescribedObject.Name, ApiVersion = spec.DescribedObject.ApiVersion },
                },
            },
            _ => new V2MetricStatus { Type = spec.Type.ToString() },
        };
    }

    /// <summary>Milli-units as the API server prints them: whole numbers plain, the rest with the m suffix.</summary>
    public static ResourceQuantity Quantity(long milli) =>
        new(milli % 1000 == 0 ? (milli / 1000).ToString(CultureInfo.InvariantCulture) : milli.ToString(CultureInfo.InvariantCulture) + "m");

    public static DateTimeOffset? Utc(DateTime? time) =>
        time is { } t ? new DateTimeOffset(DateTime.SpecifyKind(t, t.Kind == DateTimeKind.Local ? DateTimeKind.Local : DateTimeKind.Utc)).ToUniversalTime() : null;
}
